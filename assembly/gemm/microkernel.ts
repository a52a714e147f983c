// The micro-kernel: a 4×8 tile of C held in eight v128 registers while k runs over packed panels
// (4 values of A and 8 of B per k, see pack.ts). Measured in V8 on x64 (Zen 4), plain build, 512³: 4×8
// ~39 GFLOPS; 3×8 32, 5×8 21, 6×8 26, 4×8 with k unrolled by 2 27 (more live v128 values than V8's
// register allocator keeps in 16 xmm registers). Counting k with the B pointer instead of a separate
// counter saves ~8% (the loop is bound by instruction issue, not by the multiply-adds alone).
// The store step adds to or overwrites C and, on the last k block, applies the epilogue (bias, activation)
// on the way to memory.
import { finishStored } from './epilogue';
import { madd } from './madd';

/** Rows of the register tile (rows of A per packed panel). */
export const MR: i32 = 4;
/** Columns of the register tile (columns of B per packed panel): two v128. */
export const NR: i32 = 8;

/**
 * C[0..4, 0..8] (row stride `ldc` bytes) = (accumulate ? C : 0) + Apanel·Bpanel over `depth` k values;
 * when `finish`, each value also goes through the epilogue as output (i0 + r, j0 + c).
 */
export function microKernel(
  depth: i32, pa: usize, pb: usize, c: usize, ldc: usize,
  accumulate: bool, finish: bool, i0: i32, j0: i32,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + <usize>depth * 32; // NR floats of B per k
  while (pb < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa, 4);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa, 8);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa, 12);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    pa += 16;
    pb += 32;
  }
  storeRow(c, c00, c01, accumulate, finish, i0, j0);
  storeRow(c + ldc, c10, c11, accumulate, finish, i0 + 1, j0);
  storeRow(c + 2 * ldc, c20, c21, accumulate, finish, i0 + 2, j0);
  storeRow(c + 3 * ldc, c30, c31, accumulate, finish, i0 + 3, j0);
}

@inline
function storeRow(c: usize, v0: v128, v1: v128, accumulate: bool, finish: bool, i: i32, j: i32): void {
  if (accumulate) {
    v0 = f32x4.add(v128.load(c), v0);
    v1 = f32x4.add(v128.load(c, 16), v1);
  }
  v128.store(c, v0);
  v128.store(c, v1, 16);
  if (finish) finishStored(c, NR, i, j);
}
