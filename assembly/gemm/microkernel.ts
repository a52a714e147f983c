// The micro-kernel: a 4×8 tile of C held in eight v128 registers while k runs over packed panels
// (4 values of A and 8 of B per k, see pack.ts). Measured in V8 on x64 (Zen 4), plain build, 512³: 4×8
// ~39 GFLOPS; 3×8 32, 5×8 21, 6×8 26, 4×8 with k unrolled by 2 27 (more live v128 values than V8's
// register allocator keeps in 16 xmm registers).
// How A's four values become four broadcast vectors decides the speed outside Node (docs/runtimes.md,
// "Speed per runtime"; 256³ in CPU time, Node / Deno / Bun):
// - plain build: v128.load32_splat at offset 0 while the A pointer steps by 4. V8 folds an offset into the
//   broadcast load either way, but JavaScriptCore (Bun) lowers a load32_splat with a non-zero offset to a
//   scalar load, a GPR→XMM move and a shuffle: Bun 29 → 38 GFLOPS.
// - relaxed build: one v128.load of A and four lane shuffles. Deno compiles every memory access with an
//   explicit bounds check (it does not install V8's trap handler), so four broadcast loads per k cost more
//   than four shuffles, which run on ports the fused multiply-adds leave free: Deno 37 → 47 GFLOPS.
// The loop is a do-while (depth ≥ 1, which gemm guarantees): JavaScriptCore keeps the wasm loop shape, and a
// test at the bottom saves it a jump per k. The store step adds to or overwrites C; then, on the last k block,
// the epilogue (bias, activation) runs on the stored tile — after all four rows are stored, so no vector
// is live across its call (V8 would otherwise spill the accumulators inside the loop: Node −25%).
import { Epilogue, finishTile8 } from './epilogue';
import { madd } from '../simd/madd';

/** Rows of the register tile (rows of A per packed panel). */
export const MR: i32 = 4;
/** Columns of the register tile (columns of B per packed panel): two v128. */
export const NR: i32 = 8;

/**
 * C[0..4, 0..8] (row stride `ldc` bytes) = (accumulate ? C : 0) + Apanel·Bpanel over `depth` (≥ 1) k values;
 * when `finish`, each value also goes through the epilogue e as output (i0 + r, j0 + c).
 */
export function microKernel(
  depth: i32, pa: usize, pb: usize, c: usize, ldc: usize,
  accumulate: bool, finish: bool, e: Epilogue, i0: i32, j0: i32,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + <usize>depth * 32; // NR floats of B per k
  do {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a: v128;
    if (ASC_FEATURE_RELAXED_SIMD) {
      const a4 = v128.load(pa);
      a = i32x4.shuffle(a4, a4, 0, 0, 0, 0);
      c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
      a = i32x4.shuffle(a4, a4, 1, 1, 1, 1);
      c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
      a = i32x4.shuffle(a4, a4, 2, 2, 2, 2);
      c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
      a = i32x4.shuffle(a4, a4, 3, 3, 3, 3);
      c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
      pa += 16;
    } else {
      a = v128.load32_splat(pa); pa += 4;
      c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
      a = v128.load32_splat(pa); pa += 4;
      c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
      a = v128.load32_splat(pa); pa += 4;
      c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
      a = v128.load32_splat(pa); pa += 4;
      c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    }
    pb += 32;
  } while (pb < end);
  // All four rows reach memory before the epilogue's call: no vector stays live across a call (V8 would
  // spill the accumulators inside the loop to keep them).
  storeRow(c, c00, c01, accumulate);
  storeRow(c + ldc, c10, c11, accumulate);
  storeRow(c + 2 * ldc, c20, c21, accumulate);
  storeRow(c + 3 * ldc, c30, c31, accumulate);
  if (NR != 8) ERROR('the tile epilogue finishes 8 columns');
  if (finish) finishTile8(e, c, ldc, MR, i0, j0);
}

@inline
function storeRow(c: usize, v0: v128, v1: v128, accumulate: bool): void {
  if (accumulate) {
    v0 = f32x4.add(v128.load(c), v0);
    v1 = f32x4.add(v128.load(c, 16), v1);
  }
  v128.store(c, v0);
  v128.store(c, v1, 16);
}
