// The logistic function and its relatives, all from e = exp(−|x|) in (0, 1], which neither overflows nor loses
// the sign of x.
import { choose, splatF } from '../simd/lanes';
import { expExponent, expReduced, expShift, expV, pow2i } from './exp';
import { log1pV } from './log';

// Below this, e^t is under float32's smallest normal: expNegAbs flushes those results to 0 (log1p(e) and sigmoid
// then differ from the exact ones by less than 1.2e-38).
const MIN_ARG: f32 = -87.33654;

/**
 * exp(−|l|), results below the smallest normal flushed to 0: 0 for l = ±Infinity, NaN for NaN. expV for an
 * argument t <= 0 whose result is normal: 2^k fits one exponent field, so neither expV's upper clamp nor its
 * second scaling step is needed (5% of the probabilistic kernels' time).
 */
// @ts-ignore: decorator
@inline export function expNegAbs(l: v128): v128 {
  const t = f32x4.neg(f32x4.abs(l));
  const x = f32x4.pmax(t, splatF(MIN_ARG)); // NaN passes: pmax returns its first operand then
  const shifted = expShift(x);
  const e = f32x4.mul(expReduced(x, shifted), pow2i(expExponent(shifted)));
  return v128.andnot(e, f32x4.lt(t, splatF(MIN_ARG)));
}

/** sigmoid(l) = 1/(1 + e) for l >= 0 and e/(1 + e) below, with e = exp(−|l|): neither form overflows. */
// @ts-ignore: decorator
@inline export function sigmoidFromExp(l: v128, e: v128): v128 {
  const numerator = choose(f32x4.ge(l, splatF(0)), splatF(1.0), e);
  return f32x4.div(numerator, f32x4.add(e, splatF(1.0)));
}

/** sigmoid(x) per lane, tiny results kept (exp(−|x|) is not flushed). */
// @ts-ignore: decorator
@inline export function sigmoidV(x: v128): v128 {
  return sigmoidFromExp(x, expV(f32x4.neg(f32x4.abs(x))));
}

/** log(1 + e^x), with tfjs-backend-cpu's cut-offs where it equals x or e^x within float32 epsilon. */
// @ts-ignore: decorator
@inline export function softplusV(x: v128): v128 {
  const threshold: f32 = <f32>(Math.log(1.1920928955078125e-7) + 2.0);
  const e = expV(x);
  const middle = log1pV(e);
  const r = choose(f32x4.gt(x, splatF(-threshold)), x, middle);
  return choose(f32x4.lt(x, splatF(threshold)), e, r);
}
