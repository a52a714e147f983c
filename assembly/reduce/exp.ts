// exp(x) on four float32 lanes: x = k ln2 + r with |r| <= ln2 / 2, e^r by a degree-6 minimax polynomial
// (Cephes expf coefficients), times 2^k built in the exponent bits; within 1 ulp of the rounded exact value
// (test/unit/reduce_softmax.test.mjs). 2^k is applied as two factors so that results in the subnormal and
// overflow ranges round once, correctly.

// The constants live in memory and are loaded where used: V8 rebuilds v128.const operands inside loops, which
// made the kernel a third slower. Order: see the indices below.
const CONSTANTS = memory.data<f32>([
  -104.0, // 0: below, the result rounds to 0 (clamping keeps 2^k representable)
  89.0, // 1: above, the result overflows to Infinity
  1.44269504, // 2: log2(e)
  12582912.0, // 3: 1.5 * 2^23; adding it rounds to an integer, held in the low mantissa bits
  0.693359375, // 4: ln2, high part with few mantissa bits (k * it is exact)
  -2.12194440e-4, // 5: ln2, low part
  1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1, // 6–11
  1.0, // 12
]);

@inline function constant(index: i32): v128 {
  return v128.load32_splat(CONSTANTS + (<usize>index << 2));
}

/** a * b + c; fused where the relaxed-SIMD build runs (one rounding instead of two: same or better accuracy). */
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** 2^k for integer lanes k in [-126, 127], as float32 bits. */
@inline function pow2(k: v128): v128 {
  return i32x4.shl(i32x4.add(k, i32x4.splat(127)), 23);
}

@inline export function expVec(x: v128): v128 {
  // f32x4.min/max propagate NaN, so NaN lanes stay NaN through every step below.
  const clamped = f32x4.min(f32x4.max(x, constant(0)), constant(1));
  const magic = constant(3);
  const shifted = madd(clamped, constant(2), magic);
  const kf = f32x4.sub(shifted, magic); // round(x log2 e) as a float
  const k = i32x4.sub(shifted, magic); // the same as an integer: the bits above the magic number's
  let r = f32x4.sub(clamped, f32x4.mul(kf, constant(4)));
  r = f32x4.sub(r, f32x4.mul(kf, constant(5)));
  let p = constant(6);
  p = madd(p, r, constant(7));
  p = madd(p, r, constant(8));
  p = madd(p, r, constant(9));
  p = madd(p, r, constant(10));
  p = madd(p, r, constant(11));
  const er = f32x4.add(madd(p, f32x4.mul(r, r), r), constant(12));
  // k in [-150, 129]: split into halves, each within the normal exponent range.
  const k1 = i32x4.shr_s(k, 1);
  const k2 = i32x4.sub(k, k1);
  return f32x4.mul(f32x4.mul(er, pow2(k1)), pow2(k2));
}

@inline export function expScalar(x: f32): f32 {
  return f32x4.extract_lane(expVec(f32x4.splat(x)), 0);
}

/** out[i] = exp(x[i]) for n values (exported to test the approximation). */
export function reduceExpF32(x: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, expVec(v128.load(x + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, expScalar(load<f32>(x + o)));
  }
}
