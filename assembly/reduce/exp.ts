// exp(x) on four float32 lanes: x = k ln2 + r with |r| <= ln2 / 2, e^r by a degree-6 minimax polynomial
// (Cephes expf coefficients, about 1 ulp), times 2^k built in the exponent bits. 2^k is applied as two factors
// so that results near the overflow and subnormal ranges are exact powers of two before the last rounding.

const LOG2E: f32 = 1.44269504;
const LN2_HI: f32 = 0.693359375; // few mantissa bits: k * LN2_HI is exact
const LN2_LO: f32 = -2.12194440e-4;
// Below -104 the result rounds to 0 and above 89 it overflows to Infinity; clamping keeps 2^k representable.
const X_MIN: f32 = -104.0;
const X_MAX: f32 = 89.0;

/** 2^k for integer lanes k in [-126, 127], as float32 bits. */
@inline function pow2(k: v128): v128 {
  return i32x4.shl(i32x4.add(k, i32x4.splat(127)), 23);
}

@inline export function expVec(x: v128): v128 {
  // f32x4.min/max propagate NaN, so NaN lanes stay NaN through every step below.
  const clamped = f32x4.min(f32x4.max(x, f32x4.splat(X_MIN)), f32x4.splat(X_MAX));
  const kf = f32x4.nearest(f32x4.mul(clamped, f32x4.splat(LOG2E)));
  let r = f32x4.sub(clamped, f32x4.mul(kf, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(kf, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const r2 = f32x4.mul(r, r);
  const er = f32x4.add(f32x4.add(f32x4.mul(p, r2), r), f32x4.splat(1));
  // k in [-150, 129]: split into halves, each within the normal exponent range.
  const k = i32x4.trunc_sat_f32x4_s(kf);
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
