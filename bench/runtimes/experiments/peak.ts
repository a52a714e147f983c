// Peak-loop formulations (96 flops per iteration unless said otherwise).
// c + a·b: fused in the relaxed-SIMD build (compile with --enable relaxed-simd), mul + add otherwise.
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** The project's loop (assembly/gemm/peak.ts): 12 chains c = x + c·y, x and y loop-invariant. */
export function peak12(iterations: i32, seed: f32): f32 {
  const x = f32x4.splat(seed);
  const y = f32x4.splat(<f32>0.999);
  let c0 = x, c1 = x, c2 = x, c3 = x, c4 = x, c5 = x;
  let c6 = x, c7 = x, c8 = x, c9 = x, c10 = x, c11 = x;
  for (let i = 0; i < iterations; i++) {
    c0 = madd(c0, y, x); c1 = madd(c1, y, x); c2 = madd(c2, y, x); c3 = madd(c3, y, x);
    c4 = madd(c4, y, x); c5 = madd(c5, y, x); c6 = madd(c6, y, x); c7 = madd(c7, y, x);
    c8 = madd(c8, y, x); c9 = madd(c9, y, x); c10 = madd(c10, y, x); c11 = madd(c11, y, x);
  }
  const sum = f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)),
    f32x4.add(f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7)), f32x4.add(f32x4.add(c8, c9), f32x4.add(c10, c11))));
  return f32x4.extract_lane(sum, 0);
}

/** 8 chains (64 flops per iteration). */
export function peak8(iterations: i32, seed: f32): f32 {
  const x = f32x4.splat(seed);
  const y = f32x4.splat(<f32>0.999);
  let c0 = x, c1 = x, c2 = x, c3 = x, c4 = x, c5 = x, c6 = x, c7 = x;
  for (let i = 0; i < iterations; i++) {
    c0 = madd(c0, y, x); c1 = madd(c1, y, x); c2 = madd(c2, y, x); c3 = madd(c3, y, x);
    c4 = madd(c4, y, x); c5 = madd(c5, y, x); c6 = madd(c6, y, x); c7 = madd(c7, y, x);
  }
  const sum = f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)), f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7)));
  return f32x4.extract_lane(sum, 0);
}

/** 12 chains, counted down (loop test against zero). */
export function peak12down(iterations: i32, seed: f32): f32 {
  const x = f32x4.splat(seed);
  const y = f32x4.splat(<f32>0.999);
  let c0 = x, c1 = x, c2 = x, c3 = x, c4 = x, c5 = x;
  let c6 = x, c7 = x, c8 = x, c9 = x, c10 = x, c11 = x;
  while (iterations-- > 0) {
    c0 = madd(c0, y, x); c1 = madd(c1, y, x); c2 = madd(c2, y, x); c3 = madd(c3, y, x);
    c4 = madd(c4, y, x); c5 = madd(c5, y, x); c6 = madd(c6, y, x); c7 = madd(c7, y, x);
    c8 = madd(c8, y, x); c9 = madd(c9, y, x); c10 = madd(c10, y, x); c11 = madd(c11, y, x);
  }
  const sum = f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)),
    f32x4.add(f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7)), f32x4.add(f32x4.add(c8, c9), f32x4.add(c10, c11))));
  return f32x4.extract_lane(sum, 0);
}

/** 12 chains, body unrolled twice (iterations counts single bodies, even). */
export function peak12x2(iterations: i32, seed: f32): f32 {
  const x = f32x4.splat(seed);
  const y = f32x4.splat(<f32>0.999);
  let c0 = x, c1 = x, c2 = x, c3 = x, c4 = x, c5 = x;
  let c6 = x, c7 = x, c8 = x, c9 = x, c10 = x, c11 = x;
  for (let i = 0; i < iterations; i += 2) {
    c0 = madd(c0, y, x); c1 = madd(c1, y, x); c2 = madd(c2, y, x); c3 = madd(c3, y, x);
    c4 = madd(c4, y, x); c5 = madd(c5, y, x); c6 = madd(c6, y, x); c7 = madd(c7, y, x);
    c8 = madd(c8, y, x); c9 = madd(c9, y, x); c10 = madd(c10, y, x); c11 = madd(c11, y, x);
    c0 = madd(c0, y, x); c1 = madd(c1, y, x); c2 = madd(c2, y, x); c3 = madd(c3, y, x);
    c4 = madd(c4, y, x); c5 = madd(c5, y, x); c6 = madd(c6, y, x); c7 = madd(c7, y, x);
    c8 = madd(c8, y, x); c9 = madd(c9, y, x); c10 = madd(c10, y, x); c11 = madd(c11, y, x);
  }
  const sum = f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)),
    f32x4.add(f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7)), f32x4.add(f32x4.add(c8, c9), f32x4.add(c10, c11))));
  return f32x4.extract_lane(sum, 0);
}

/** 12 chains with separate mul and add chains (c = c·y, d = d + x): no mul→add dependency. */
export function peak12split(iterations: i32, seed: f32): f32 {
  const x = f32x4.splat(seed);
  const y = f32x4.splat(<f32>0.999);
  let c0 = x, c1 = x, c2 = x, c3 = x, c4 = x, c5 = x;
  let d0 = x, d1 = x, d2 = x, d3 = x, d4 = x, d5 = x;
  for (let i = 0; i < iterations; i++) {
    c0 = f32x4.mul(c0, y); d0 = f32x4.add(d0, x); c1 = f32x4.mul(c1, y); d1 = f32x4.add(d1, x);
    c2 = f32x4.mul(c2, y); d2 = f32x4.add(d2, x); c3 = f32x4.mul(c3, y); d3 = f32x4.add(d3, x);
    c4 = f32x4.mul(c4, y); d4 = f32x4.add(d4, x); c5 = f32x4.mul(c5, y); d5 = f32x4.add(d5, x);
    c0 = f32x4.mul(c0, y); d0 = f32x4.add(d0, x); c1 = f32x4.mul(c1, y); d1 = f32x4.add(d1, x);
    c2 = f32x4.mul(c2, y); d2 = f32x4.add(d2, x); c3 = f32x4.mul(c3, y); d3 = f32x4.add(d3, x);
    c4 = f32x4.mul(c4, y); d4 = f32x4.add(d4, x); c5 = f32x4.mul(c5, y); d5 = f32x4.add(d5, x);
  }
  const sum = f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)),
    f32x4.add(f32x4.add(f32x4.add(c4, c5), f32x4.add(d0, d1)), f32x4.add(f32x4.add(d2, d3), f32x4.add(d4, d5))));
  return f32x4.extract_lane(f32x4.add(sum, f32x4.add(f32x4.add(f32x4.add(c4, c5), d4), d5)), 0);
}

/** The multiplier, in memory: a load the optimizer cannot fold into a v128.const at every use. */
const FACTOR = memory.data<f32>([0.999, 0.999, 0.999, 0.999]);
/** The addend, in memory as well. */
const ONE = memory.data<f32>([1]);

/** 12 chains, x and y loaded from memory once (opaque to Binaryen, so each stays one register). */
export function peak12mem(iterations: i32, seed: f32): f32 {
  const x = f32x4.splat(seed);
  const y = v128.load(FACTOR);
  let c0 = x, c1 = x, c2 = x, c3 = x, c4 = x, c5 = x;
  let c6 = x, c7 = x, c8 = x, c9 = x, c10 = x, c11 = x;
  for (let i = 0; i < iterations; i++) {
    c0 = madd(c0, y, x); c1 = madd(c1, y, x); c2 = madd(c2, y, x); c3 = madd(c3, y, x);
    c4 = madd(c4, y, x); c5 = madd(c5, y, x); c6 = madd(c6, y, x); c7 = madd(c7, y, x);
    c8 = madd(c8, y, x); c9 = madd(c9, y, x); c10 = madd(c10, y, x); c11 = madd(c11, y, x);
  }
  const sum = f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)),
    f32x4.add(f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7)), f32x4.add(f32x4.add(c8, c9), f32x4.add(c10, c11))));
  return f32x4.extract_lane(sum, 0);
}

/** As the project calls it: seed 1 is a constant after inlining, so x becomes a v128.const too. */
export function peak12const(iterations: i32, seed: f32): f32 {
  return peak12(iterations, 1);
}

/** peak12mem with seed 1 inlined: only y is opaque. */
export function peak12memconst(iterations: i32, seed: f32): f32 {
  return peak12mem(iterations, 1);
}

/** Both from memory, called with a constant seed: what the project's peak loop should look like. */
export function peak12allmem(iterations: i32, seed: f32): f32 {
  const x = v128.load32_splat(ONE);
  const y = v128.load(FACTOR);
  let c0 = x, c1 = x, c2 = x, c3 = x, c4 = x, c5 = x;
  let c6 = x, c7 = x, c8 = x, c9 = x, c10 = x, c11 = x;
  for (let i = 0; i < iterations; i++) {
    c0 = madd(c0, y, x); c1 = madd(c1, y, x); c2 = madd(c2, y, x); c3 = madd(c3, y, x);
    c4 = madd(c4, y, x); c5 = madd(c5, y, x); c6 = madd(c6, y, x); c7 = madd(c7, y, x);
    c8 = madd(c8, y, x); c9 = madd(c9, y, x); c10 = madd(c10, y, x); c11 = madd(c11, y, x);
  }
  const sum = f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)),
    f32x4.add(f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7)), f32x4.add(f32x4.add(c8, c9), f32x4.add(c10, c11))));
  return f32x4.extract_lane(sum, 0);
}
