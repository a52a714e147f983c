// Natural logarithms on four float32 lanes: log (Cephes logf: mantissa centred on 1, a degree-8 polynomial),
// log1p over all of float32 (by Goldberg's correction of log(1 + x)), and log1p on [0, 1] by its own polynomial.
import { choose, splatF } from '../simd/lanes';
import { madd } from '../simd/madd';
import { LN2_HI, LN2_LO, MIN_NORMAL, SQRT_HALF, TWO_POW_23 } from './constants';

/** Natural log per lane: -Infinity at 0, NaN below 0, +Infinity at +Infinity, NaN for NaN. */
// @ts-ignore: decorator
@inline export function logV(x: v128): v128 {
  // Subnormals are scaled by 2^23 first so that their exponent field is meaningful.
  const subnormal = f32x4.lt(x, splatF(MIN_NORMAL));
  const xs = choose(subnormal, f32x4.mul(x, splatF(TWO_POW_23)), x);
  // x = m·2^e with m in [0.5, 1).
  let e = i32x4.sub(i32x4.shr_u(xs, 23), i32x4.splat(126));
  e = i32x4.sub(e, v128.and(subnormal, i32x4.splat(23)));
  let m = v128.or(v128.and(xs, i32x4.splat(0x007fffff)), i32x4.splat(0x3f000000));
  // Centre the mantissa on 1: m < sqrt(1/2) becomes 2m - 1 with e - 1, else m - 1.
  const low = f32x4.lt(m, splatF(SQRT_HALF));
  const fe = f32x4.convert_i32x4_s(i32x4.add(e, low)); // true lanes are -1
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
  // ln 2 split as in exp: the small terms first, the exact high part last.
  y = madd(fe, splatF(LN2_LO), y);
  y = madd(z, splatF(-0.5), y);
  let r = madd(fe, splatF(LN2_HI), f32x4.add(m, y));
  // Special values: log(0) = -Infinity, log(x < 0) = NaN, log(Infinity) = Infinity, NaN stays NaN.
  r = choose(f32x4.eq(x, splatF(0)), splatF(-Infinity), r);
  r = choose(f32x4.lt(x, splatF(0)), splatF(NaN), r);
  r = choose(f32x4.eq(x, splatF(Infinity)), x, r);
  return choose(f32x4.ne(x, x), x, r);
}

/** log(1 + x) per lane, for any x. */
// @ts-ignore: decorator
@inline export function log1pV(x: v128): v128 {
  // log(u) with u = 1 + x rounded, corrected by the rounding error of u (Goldberg's trick).
  const u = f32x4.add(x, splatF(1.0));
  const correction = f32x4.div(f32x4.sub(x, f32x4.sub(u, splatF(1.0))), u);
  const finitePositive = v128.and(f32x4.gt(u, splatF(0)), f32x4.lt(u, splatF(Infinity)));
  return f32x4.add(logV(u), v128.and(correction, finitePositive));
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
  const big = f32x4.ge(u, splatF(0.5));
  const f = choose(big, f32x4.mul(f32x4.sub(u, splatF(1.0)), splatF(0.5)), u);
  // P in Estrin's scheme (pairs, then powers of f²), as in expV: a loop of these is bound by the dependency
  // chain, which is three multiply-adds deep here instead of Horner's seven.
  const z = f32x4.mul(f, f);
  const p01 = madd(splatF(-2.5000095367e-1), f, splatF(3.3333450556e-1));
  const p23 = madd(splatF(-1.6647309065e-1), f, splatF(1.9990859926e-1));
  const p45 = madd(splatF(-1.3161224127e-1), f, splatF(1.4478397369e-1));
  const p67 = madd(splatF(-4.5075032860e-2), f, splatF(1.0463070869e-1));
  const p = madd(madd(p67, z, p45), f32x4.mul(z, z), madd(p23, z, p01));
  // ln 2 split as in logV: the exact high part is added last, after the small terms.
  const lnHi = v128.and(big, splatF(LN2_HI));
  const lnLo = v128.and(big, splatF(LN2_LO));
  const y = madd(z, splatF(-0.5), f32x4.add(f32x4.mul(f32x4.mul(p, f), z), lnLo));
  return f32x4.add(f32x4.add(f, y), lnHi);
}
