// Vectorised float32 transcendentals (4 lanes). Cody-Waite range reduction with Cephes minimax polynomials:
// a few ulp from the float64 result over the whole float32 range, with IEEE special values.
import { choose, madd, splatF } from './lanes';

const INF: f32 = Infinity;
const SIGN_MASK: i32 = 0x80000000;

/** 2^k for integer lanes k in [-126, 127], built in the exponent field. */
@inline function pow2(k: v128): v128 {
  return i32x4.shl(i32x4.add(k, i32x4.splat(127)), 23);
}

@inline export function vexp(x: v128): v128 {
  // Beyond these bounds e^x is 0 or +Infinity in float32; min/max keep NaN.
  x = f32x4.min(f32x4.max(x, splatF(-104.0)), splatF(89.0));
  const n = f32x4.nearest(f32x4.mul(x, splatF(1.44269504088896341)));
  // x - n ln2 in two steps; n * 0.693359375 is exact.
  let r = f32x4.sub(x, f32x4.mul(n, splatF(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, splatF(-2.12194440e-4)));
  let p = splatF(1.9875691500e-4);
  p = madd(p, r, splatF(1.3981999507e-3));
  p = madd(p, r, splatF(8.3334519073e-3));
  p = madd(p, r, splatF(4.1665795894e-2));
  p = madd(p, r, splatF(1.6666665459e-1));
  p = madd(p, r, splatF(5.0000001201e-1));
  p = madd(p, f32x4.mul(r, r), f32x4.add(r, splatF(1.0)));
  // Scale by 2^n as 2^(n/2) * 2^(n - n/2), so that denormal results and overflow both round once.
  const k = i32x4.trunc_sat_f32x4_s(n);
  const k1 = i32x4.shr_s(k, 1);
  return f32x4.mul(f32x4.mul(p, pow2(k1)), pow2(i32x4.sub(k, k1)));
}

@inline export function vlog(x: v128): v128 {
  // Denormals are scaled by 2^23 first so that their exponent field is meaningful.
  const denormal = f32x4.lt(x, splatF(1.17549435e-38));
  const xs = choose(denormal, f32x4.mul(x, splatF(8388608.0)), x);
  // x = m 2^e with m in [0.5, 1).
  let e = i32x4.sub(i32x4.shr_u(xs, 23), i32x4.splat(126));
  e = i32x4.sub(e, v128.and(denormal, i32x4.splat(23)));
  let m = v128.or(v128.and(xs, i32x4.splat(0x007fffff)), i32x4.splat(0x3f000000));
  // Centre the mantissa on 1: m < sqrt(1/2) becomes 2m - 1 with e - 1, else m - 1.
  const low = f32x4.lt(m, splatF(0.707106781186547524));
  const fe = f32x4.convert_i32x4_s(i32x4.add(e, low));
  m = f32x4.sub(f32x4.add(m, v128.and(m, low)), splatF(1.0));
  const z = f32x4.mul(m, m);
  let p = splatF(7.0376836292e-2);
  p = madd(p, m, splatF(-1.1514610310e-1));
  p = madd(p, m, splatF(1.1676998740e-1));
  p = madd(p, m, splatF(-1.2420140846e-1));
  p = madd(p, m, splatF(1.4249322787e-1));
  p = madd(p, m, splatF(-1.6668057665e-1));
  p = madd(p, m, splatF(2.0000714765e-1));
  p = madd(p, m, splatF(-2.4999993993e-1));
  p = madd(p, m, splatF(3.3333331174e-1));
  let y = f32x4.mul(f32x4.mul(p, m), z);
  y = madd(fe, splatF(-2.12194440e-4), y);
  y = madd(z, splatF(-0.5), y);
  let r = madd(fe, splatF(0.693359375), f32x4.add(m, y));
  // Special values: log(0) = -Inf, log(x < 0) = NaN, log(Inf) = Inf, NaN stays NaN.
  r = choose(f32x4.eq(x, splatF(0)), splatF(-INF), r);
  r = choose(f32x4.lt(x, splatF(0)), splatF(NaN), r);
  r = choose(f32x4.eq(x, splatF(INF)), x, r);
  return choose(f32x4.ne(x, x), x, r);
}

@inline export function vlog1p(x: v128): v128 {
  // log(u) with u = 1 + x rounded, corrected by the rounding error of u (Goldberg's trick).
  const u = f32x4.add(x, splatF(1.0));
  const correction = f32x4.div(f32x4.sub(x, f32x4.sub(u, splatF(1.0))), u);
  const finitePositive = v128.and(f32x4.gt(u, splatF(0)), f32x4.lt(u, splatF(INF)));
  return f32x4.add(vlog(u), v128.and(correction, finitePositive));
}

@inline export function vexpm1(x: v128): v128 {
  // Near 0, e^x - 1 cancels: use the Taylor series there (|x| < 0.5, 10 terms, error < 0.1 ulp).
  let p = splatF(<f32>(1.0 / 362880.0));
  p = madd(p, x, splatF(<f32>(1.0 / 40320.0)));
  p = madd(p, x, splatF(<f32>(1.0 / 5040.0)));
  p = madd(p, x, splatF(<f32>(1.0 / 720.0)));
  p = madd(p, x, splatF(<f32>(1.0 / 120.0)));
  p = madd(p, x, splatF(<f32>(1.0 / 24.0)));
  p = madd(p, x, splatF(<f32>(1.0 / 6.0)));
  p = madd(p, x, splatF(0.5));
  const series = madd(p, f32x4.mul(x, x), x);
  const small = f32x4.lt(f32x4.abs(x), splatF(0.5));
  return choose(small, series, f32x4.sub(vexp(x), splatF(1.0)));
}

@inline export function vtanh(x: v128): v128 {
  const ax = f32x4.abs(x);
  // |x| < 0.625: odd minimax polynomial (Cephes tanhf).
  const z = f32x4.mul(x, x);
  let p = splatF(-5.70498872745e-3);
  p = madd(p, z, splatF(2.06390887954e-2));
  p = madd(p, z, splatF(-5.37397155531e-2));
  p = madd(p, z, splatF(1.33314422036e-1));
  p = madd(p, z, splatF(-3.33332819422e-1));
  const series = madd(f32x4.mul(p, z), x, x);
  // Otherwise 1 - 2 / (e^2|x| + 1), which saturates to 1 without overflow trouble.
  const e = vexp(f32x4.add(ax, ax));
  const magnitude = f32x4.sub(splatF(1.0), f32x4.div(splatF(2.0), f32x4.add(e, splatF(1.0))));
  const signed = v128.or(magnitude, v128.and(x, i32x4.splat(SIGN_MASK)));
  return choose(f32x4.lt(ax, splatF(0.625)), series, signed);
}

@inline export function vsigmoid(x: v128): v128 {
  // With e = e^-|x|: 1 / (1 + e) for x >= 0, e / (1 + e) for x < 0; never overflows, keeps tiny results.
  const e = vexp(f32x4.neg(f32x4.abs(x)));
  const d = f32x4.div(splatF(1.0), f32x4.add(splatF(1.0), e));
  return choose(f32x4.ge(x, splatF(0)), d, f32x4.mul(e, d));
}

/** log(1 + e^x), with tfjs-backend-cpu's cut-offs where it equals x or e^x within float32 epsilon. */
@inline export function vsoftplus(x: v128): v128 {
  const threshold: f32 = <f32>(Math.log(1.1920928955078125e-7) + 2.0);
  const e = vexp(x);
  const middle = vlog1p(e);
  const r = choose(f32x4.gt(x, splatF(-threshold)), x, middle);
  return choose(f32x4.lt(x, splatF(threshold)), e, r);
}

/** Below this |x|, erf's float32 formula subtracts nearly equal numbers: lanes there are evaluated in float64. */
const ERF_CANCELLATION_BOUND: f32 = 0.5;

/**
 * tfjs' erf: Abramowitz-Stegun 7.1.26, the formula tfjs-backend-cpu evaluates. Near 0 the result is
 * 1 − (a value close to 1): in float32 that leaves a few ulps of 1 (3e-7) of absolute error, which is most
 * of the value for |x| < 1e-6, so there the whole vector is computed in float64 as the cpu does.
 */
@inline export function verf(x: v128): v128 {
  const v = f32x4.abs(x);
  if (v128.any_true(f32x4.lt(v, splatF(ERF_CANCELLATION_BOUND)))) return erfLanesF64(x);
  const t = f32x4.div(splatF(1.0), madd(v, splatF(0.3275911), splatF(1.0)));
  let p = splatF(1.061405429);
  p = madd(p, t, splatF(-1.453152027));
  p = madd(p, t, splatF(1.421413741));
  p = madd(p, t, splatF(-0.284496736));
  p = madd(p, t, splatF(0.254829592));
  const tail = f32x4.mul(f32x4.mul(p, t), vexp(f32x4.neg(f32x4.mul(v, v))));
  const magnitude = f32x4.sub(splatF(1.0), tail);
  // sign(x) * magnitude: NaN stays NaN, and erf(0) = 0.
  const signed = v128.or(magnitude, v128.and(x, i32x4.splat(SIGN_MASK)));
  return choose(f32x4.eq(x, splatF(0)), x, signed);
}

function erfLanesF64(x: v128): v128 {
  let r = f32x4.splat(erfF64(f32x4.extract_lane(x, 0)));
  r = f32x4.replace_lane(r, 1, erfF64(f32x4.extract_lane(x, 1)));
  r = f32x4.replace_lane(r, 2, erfF64(f32x4.extract_lane(x, 2)));
  return f32x4.replace_lane(r, 3, erfF64(f32x4.extract_lane(x, 3)));
}

/** The same formula in float64, term for term as tfjs-backend-cpu writes it, rounded once to float32. */
function erfF64(xf: f32): f32 {
  const x = <f64>xf;
  if (x == 0 || isNaN(x)) return xf;
  const v = Math.abs(x);
  const t = 1.0 / (1.0 + 0.3275911 * v);
  const poly = ((((1.061405429 * t + -1.453152027) * t + 1.421413741) * t + -0.284496736) * t + 0.254829592) * t;
  const magnitude = 1.0 - poly * Math.exp(-v * v);
  return <f32>(x < 0 ? -magnitude : magnitude);
}
