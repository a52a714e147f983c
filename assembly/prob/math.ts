// Vectorised exp, log and log1p for the probabilistic kernels (four float32 lanes at a time).
// Cephes-style range reduction and polynomials: about 1 ulp on normal results, NaN in gives NaN out,
// overflow gives +Infinity and underflow gives 0 exactly where the float32 result does.

const LOG2E: f32 = 1.44269504088896341;
// ln 2 split in a part exact in float32 and the remainder, so that x - k·ln2 loses nothing.
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const SQRT_HALF: f32 = 0.707106781186547524;
const ROUNDING_SHIFT: f32 = 12582912.0;

/** a·b + c; fused (one rounding) in the relaxed-SIMD build, where the hardware has it. */
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** 2^k for integer lanes k in [-126, 127], built from the exponent bits: (k + 127) << 23, written as
 * (k << 23) + bits of 1.0 so that it shares the constant 1.0 with the polynomial (one register fewer). */
// @ts-ignore: decorator
@inline export function pow2i(k: v128): v128 {
  return i32x4.add(i32x4.shl(k, 23), f32x4.splat(1.0));
}

/** x·log2(e) + 1.5·2^23: rounding to an integer k by the add, which also leaves k in the low mantissa bits (an
 * int32 without a float-to-int conversion, slow on x86). */
// @ts-ignore: decorator
@inline export function expShift(x: v128): v128 {
  return madd(x, f32x4.splat(LOG2E), f32x4.splat(ROUNDING_SHIFT));
}

/** k of `shifted` as int32 lanes. */
// @ts-ignore: decorator
@inline export function expExponent(shifted: v128): v128 {
  return i32x4.sub(shifted, f32x4.splat(ROUNDING_SHIFT));
}

/** e^(x − k·ln 2) for shifted = expShift(x): the part of e^x left after the power of two. */
// @ts-ignore: decorator
@inline export function expReduced(x: v128, shifted: v128): v128 {
  const k = f32x4.sub(shifted, f32x4.splat(ROUNDING_SHIFT));
  // k·LN2_HI is exact, so fusing changes only the rounding of the small LN2_LO correction.
  const r = madd(k, f32x4.splat(-LN2_LO), madd(k, f32x4.splat(-LN2_HI), x));
  // e^r = 1 + r + r²·P(r), P of degree 5 evaluated in Estrin's scheme (pairs, then powers of r²): the
  // dependency chain is half Horner's, which is what bounds a loop of exps.
  const r2 = f32x4.mul(r, r);
  const p01 = madd(f32x4.splat(1.6666665459e-1), r, f32x4.splat(5.0000001201e-1));
  const p23 = madd(f32x4.splat(8.3334519073e-3), r, f32x4.splat(4.1665795894e-2));
  const p45 = madd(f32x4.splat(1.9875691500e-4), r, f32x4.splat(1.3981999507e-3));
  const p = madd(madd(p45, r2, p23), r2, p01);
  return f32x4.add(madd(p, r2, r), f32x4.splat(1.0));
}

/** e^x per lane. */
// @ts-ignore: decorator
@inline export function expV(x: v128): v128 {
  // Past these bounds the float32 result is 0 or +Infinity; clamping keeps 2^k representable. pmax/pmin
  // (one instruction each on x86, unlike max/min) return their first operand when it is NaN: NaN passes.
  x = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-104.0)), f32x4.splat(89.0));
  const shifted = expShift(x);
  const y = expReduced(x, shifted);
  // Scale by 2^k in two halves: k spans [-150, 128], beyond what one exponent field holds. (Multiplying,
  // not adding k to the exponent bits: a NaN would not survive the integer add.)
  const ki = expExponent(shifted);
  const k1 = i32x4.shr_s(ki, 1);
  const k2 = i32x4.sub(ki, k1);
  return f32x4.mul(f32x4.mul(y, pow2i(k1)), pow2i(k2));
}

/** Natural log per lane: -Infinity at 0, NaN below 0, +Infinity at +Infinity, NaN for NaN. */
// @ts-ignore: decorator
@inline export function logV(x: v128): v128 {
  // Subnormals: scale into the normal range first and take 23 from the exponent afterwards.
  const tiny = f32x4.lt(x, f32x4.splat(1.17549435e-38));
  const xs = v128.bitselect(f32x4.mul(x, f32x4.splat(8388608.0)), x, tiny);
  const bits = xs;
  let e = i32x4.sub(i32x4.shr_u(bits, 23), i32x4.splat(126));
  e = i32x4.sub(e, v128.and(tiny, i32x4.splat(23)));
  // Mantissa in [0.5, 1), then moved to [sqrt(1/2), sqrt(2)) so that log(m) is small.
  let m = v128.or(v128.and(bits, i32x4.splat(0x007fffff)), i32x4.splat(0x3f000000));
  const low = f32x4.lt(m, f32x4.splat(SQRT_HALF));
  e = i32x4.add(e, low); // true lanes are -1
  m = f32x4.sub(f32x4.add(m, v128.and(m, low)), f32x4.splat(1.0));
  const ef = f32x4.convert_i32x4_s(e);
  const z = f32x4.mul(m, m);
  let p = f32x4.splat(7.0376836292e-2);
  p = madd(p, m, f32x4.splat(-1.1514610310e-1));
  p = madd(p, m, f32x4.splat(1.1676998740e-1));
  p = madd(p, m, f32x4.splat(-1.2420140846e-1));
  p = madd(p, m, f32x4.splat(1.4249322787e-1));
  p = madd(p, m, f32x4.splat(-1.6668057665e-1));
  p = madd(p, m, f32x4.splat(2.0000714765e-1));
  p = madd(p, m, f32x4.splat(-2.4999993993e-1));
  p = madd(p, m, f32x4.splat(3.3333331174e-1));
  let y = f32x4.mul(f32x4.mul(p, m), z);
  y = f32x4.add(y, f32x4.mul(ef, f32x4.splat(LN2_LO)));
  y = f32x4.sub(y, f32x4.mul(z, f32x4.splat(0.5)));
  let result = f32x4.add(f32x4.add(m, y), f32x4.mul(ef, f32x4.splat(LN2_HI)));
  // Special values: +Infinity and NaN map to themselves, 0 to -Infinity, negatives to NaN.
  const passThrough = v128.or(f32x4.eq(x, f32x4.splat(Infinity)), f32x4.ne(x, x));
  result = v128.bitselect(x, result, passThrough);
  result = v128.bitselect(f32x4.splat(-Infinity), result, f32x4.eq(x, f32x4.splat(0.0)));
  return v128.bitselect(f32x4.splat(NaN), result, f32x4.lt(x, f32x4.splat(0.0)));
}

/**
 * log(1 + u) per lane for u in [0, 1] (as u = exp(−|x|) in the softplus of a logit), NaN for NaN. With u that
 * small, 1 + u needs no exponent extraction: log1p(u) = log1p(f) for u < ½ (f = u, exact), and
 * ln 2 + log1p(f) with f = (u − 1)/2 for u >= ½ (exact: Sterbenz). log1p(f) = f − f²/2 + f³·P(f) on [−¼, ½),
 * P of degree 7 fitted there (scripts/prob-fit-log1p.mjs): under 1 ulp, no division, no special cases.
 * Outside [0, 1] the result is wrong; the callers' arguments cannot be.
 */
// @ts-ignore: decorator
@inline export function log1pUnitV(u: v128): v128 {
  const big = f32x4.ge(u, f32x4.splat(0.5));
  const f = v128.bitselect(f32x4.mul(f32x4.sub(u, f32x4.splat(1.0)), f32x4.splat(0.5)), u, big);
  // P in Estrin's scheme (pairs, then powers of f²), as in expV: a loop of these is bound by the dependency
  // chain, which is three multiply-adds deep here instead of Horner's seven.
  const z = f32x4.mul(f, f);
  const p01 = madd(f32x4.splat(-2.5000095367e-1), f, f32x4.splat(3.3333450556e-1));
  const p23 = madd(f32x4.splat(-1.6647309065e-1), f, f32x4.splat(1.9990859926e-1));
  const p45 = madd(f32x4.splat(-1.3161224127e-1), f, f32x4.splat(1.4478397369e-1));
  const p67 = madd(f32x4.splat(-4.5075032860e-2), f, f32x4.splat(1.0463070869e-1));
  const p = madd(madd(p67, z, p45), f32x4.mul(z, z), madd(p23, z, p01));
  // ln 2 split as in logV: the exact high part is added last, after the small terms.
  const lnHi = v128.and(big, f32x4.splat(LN2_HI));
  const lnLo = v128.and(big, f32x4.splat(LN2_LO));
  const y = madd(z, f32x4.splat(-0.5), f32x4.add(f32x4.mul(f32x4.mul(p, f), z), lnLo));
  return f32x4.add(f32x4.add(f, y), lnHi);
}

/** Lane 0 of a vector: loop tails run the vector code on a splat, so they share its numerics. */
// @ts-ignore: decorator
@inline export function lane0(v: v128): f32 {
  return f32x4.extract_lane(v, 0);
}

/** Sum of the four lanes. */
// @ts-ignore: decorator
@inline export function sumLanes(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) +
    f32x4.extract_lane(v, 3);
}
