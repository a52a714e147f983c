// GEMM micro-kernel formulations, each swept over one packed block like assembly/gemm/macrokernel.ts
// (full tiles only, C overwritten, no epilogue): macro_<variant>(mc, nc, depth, packedA, packedB, c, ldcBytes).
// Packed layout as in assembly/gemm/pack.ts: per k, MR values of A side by side, and NR values of B.
// c + a·b: fused in the relaxed-SIMD build (compile with --enable relaxed-simd), mul + add otherwise.
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

@inline function store4x8(c: usize, ldc: usize,
  c00: v128, c01: v128, c10: v128, c11: v128, c20: v128, c21: v128, c30: v128, c31: v128): void {
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + ldc, c10); v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20); v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30); v128.store(c + 3 * ldc, c31, 16);
}

/** The project's kernel: A broadcast by v128.load32_splat at offsets 0, 4, 8, 12. */
function microSplat(depth: i32, pa: usize, pb: usize, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + <usize>depth * 32;
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
  store4x8(c, ldc, c00, c01, c10, c11, c20, c21, c30, c31);
}

/** A's four values in one v128.load, each broadcast by a lane shuffle: 3 memory accesses per k instead of 6. */
function microShuffle(depth: i32, pa: usize, pb: usize, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + <usize>depth * 32;
  while (pb < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const a4 = v128.load(pa);
    let a = i32x4.shuffle(a4, a4, 0, 0, 0, 0);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = i32x4.shuffle(a4, a4, 1, 1, 1, 1);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = i32x4.shuffle(a4, a4, 2, 2, 2, 2);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = i32x4.shuffle(a4, a4, 3, 3, 3, 3);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    pa += 16;
    pb += 32;
  }
  store4x8(c, ldc, c00, c01, c10, c11, c20, c21, c30, c31);
}

/** A broadcast by f32x4.splat of a scalar load. */
function microScalarSplat(depth: i32, pa: usize, pb: usize, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + <usize>depth * 32;
  while (pb < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = f32x4.splat(load<f32>(pa));
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = f32x4.splat(load<f32>(pa, 4));
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = f32x4.splat(load<f32>(pa, 8));
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = f32x4.splat(load<f32>(pa, 12));
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    pa += 16;
    pb += 32;
  }
  store4x8(c, ldc, c00, c01, c10, c11, c20, c21, c30, c31);
}

/** load32_splat without offsets: the A pointer steps by 4 after each broadcast. */
function microSplatStep(depth: i32, pa: usize, pb: usize, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + <usize>depth * 32;
  while (pb < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa); pa += 4;
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa); pa += 4;
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa); pa += 4;
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa); pa += 4;
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    pb += 32;
  }
  store4x8(c, ldc, c00, c01, c10, c11, c20, c21, c30, c31);
}

/** microShuffle with k unrolled by 2 (depth even here). */
function microShuffle2(depth: i32, pa: usize, pb: usize, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + <usize>depth * 32;
  while (pb < end) {
    let b0 = v128.load(pb);
    let b1 = v128.load(pb, 16);
    let a4 = v128.load(pa);
    let a = i32x4.shuffle(a4, a4, 0, 0, 0, 0);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = i32x4.shuffle(a4, a4, 1, 1, 1, 1);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = i32x4.shuffle(a4, a4, 2, 2, 2, 2);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = i32x4.shuffle(a4, a4, 3, 3, 3, 3);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    b0 = v128.load(pb, 32);
    b1 = v128.load(pb, 48);
    a4 = v128.load(pa, 16);
    a = i32x4.shuffle(a4, a4, 0, 0, 0, 0);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = i32x4.shuffle(a4, a4, 1, 1, 1, 1);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = i32x4.shuffle(a4, a4, 2, 2, 2, 2);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = i32x4.shuffle(a4, a4, 3, 3, 3, 3);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    pa += 32;
    pb += 64;
  }
  store4x8(c, ldc, c00, c01, c10, c11, c20, c21, c30, c31);
}

/** microShuffle counting k down instead of comparing pointers. */
function microShuffleCount(depth: i32, pa: usize, pb: usize, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let k = depth; k > 0; k--) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const a4 = v128.load(pa);
    let a = i32x4.shuffle(a4, a4, 0, 0, 0, 0);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = i32x4.shuffle(a4, a4, 1, 1, 1, 1);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = i32x4.shuffle(a4, a4, 2, 2, 2, 2);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = i32x4.shuffle(a4, a4, 3, 3, 3, 3);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    pa += 16;
    pb += 32;
  }
  store4x8(c, ldc, c00, c01, c10, c11, c20, c21, c30, c31);
}


/** microShuffle as a do-while (depth ≥ 1): one conditional branch at the bottom, also in engines that keep the wasm loop shape. */
function microShuffleDo(depth: i32, pa: usize, pb: usize, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + <usize>depth * 32;
  do {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const a4 = v128.load(pa);
    let a = i32x4.shuffle(a4, a4, 0, 0, 0, 0);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = i32x4.shuffle(a4, a4, 1, 1, 1, 1);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = i32x4.shuffle(a4, a4, 2, 2, 2, 2);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = i32x4.shuffle(a4, a4, 3, 3, 3, 3);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    pa += 16;
    pb += 32;
  } while (pb < end);
  store4x8(c, ldc, c00, c01, c10, c11, c20, c21, c30, c31);
}

/** microSplatStep as a do-while. */
function microSplatStepDo(depth: i32, pa: usize, pb: usize, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + <usize>depth * 32;
  do {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa); pa += 4;
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa); pa += 4;
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa); pa += 4;
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa); pa += 4;
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    pb += 32;
  } while (pb < end);
  store4x8(c, ldc, c00, c01, c10, c11, c20, c21, c30, c31);
}

/** Two broadcasts from memory (offset 0 and a second pointer, no offsets) and two by shuffle of one load. */
function microMixDo(depth: i32, pa: usize, pb: usize, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + <usize>depth * 32;
  do {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const a4 = v128.load(pa);
    let a = v128.load32_splat(pa);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = i32x4.shuffle(a4, a4, 1, 1, 1, 1);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = i32x4.shuffle(a4, a4, 2, 2, 2, 2);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = i32x4.shuffle(a4, a4, 3, 3, 3, 3);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    pa += 16;
    pb += 32;
  } while (pb < end);
  store4x8(c, ldc, c00, c01, c10, c11, c20, c21, c30, c31);
}

// The sweeps: MR = 4, NR = 8 for all variants above.
@inline function sweep(variant: i32, mc: i32, nc: i32, depth: i32, pA: usize, pB: usize, c: usize, ldc: usize): void {
  const panelA = <usize>(4 * depth * 4);
  const panelB = <usize>(8 * depth * 4);
  for (let j = 0; j < nc; j += 8) {
    const pb = pB + <usize>(j / 8) * panelB;
    for (let i = 0; i < mc; i += 4) {
      const pa = pA + <usize>(i / 4) * panelA;
      const tile = c + <usize>i * ldc + <usize>j * 4;
      if (variant == 0) microSplat(depth, pa, pb, tile, ldc);
      else if (variant == 1) microShuffle(depth, pa, pb, tile, ldc);
      else if (variant == 2) microScalarSplat(depth, pa, pb, tile, ldc);
      else if (variant == 3) microSplatStep(depth, pa, pb, tile, ldc);
      else if (variant == 4) microShuffle2(depth, pa, pb, tile, ldc);
      else if (variant == 5) microShuffleCount(depth, pa, pb, tile, ldc);
      else if (variant == 6) microShuffleDo(depth, pa, pb, tile, ldc);
      else if (variant == 7) microSplatStepDo(depth, pa, pb, tile, ldc);
      else microMixDo(depth, pa, pb, tile, ldc);
    }
  }
}

export function macro_splat(mc: i32, nc: i32, depth: i32, pA: usize, pB: usize, c: usize, ldc: usize): void { sweep(0, mc, nc, depth, pA, pB, c, ldc); }
export function macro_shuffle(mc: i32, nc: i32, depth: i32, pA: usize, pB: usize, c: usize, ldc: usize): void { sweep(1, mc, nc, depth, pA, pB, c, ldc); }
export function macro_scalarsplat(mc: i32, nc: i32, depth: i32, pA: usize, pB: usize, c: usize, ldc: usize): void { sweep(2, mc, nc, depth, pA, pB, c, ldc); }
export function macro_splatstep(mc: i32, nc: i32, depth: i32, pA: usize, pB: usize, c: usize, ldc: usize): void { sweep(3, mc, nc, depth, pA, pB, c, ldc); }
export function macro_shuffle2(mc: i32, nc: i32, depth: i32, pA: usize, pB: usize, c: usize, ldc: usize): void { sweep(4, mc, nc, depth, pA, pB, c, ldc); }
export function macro_shufflecount(mc: i32, nc: i32, depth: i32, pA: usize, pB: usize, c: usize, ldc: usize): void { sweep(5, mc, nc, depth, pA, pB, c, ldc); }
export function macro_shuffledo(mc: i32, nc: i32, depth: i32, pA: usize, pB: usize, c: usize, ldc: usize): void { sweep(6, mc, nc, depth, pA, pB, c, ldc); }
export function macro_splatstepdo(mc: i32, nc: i32, depth: i32, pA: usize, pB: usize, c: usize, ldc: usize): void { sweep(7, mc, nc, depth, pA, pB, c, ldc); }
export function macro_mixdo(mc: i32, nc: i32, depth: i32, pA: usize, pB: usize, c: usize, ldc: usize): void { sweep(8, mc, nc, depth, pA, pB, c, ldc); }
