// Pieces of the logistic function shared by the sigmoid cross-entropy and the Bernoulli log-likelihood, all from
// e = exp(−|l|) in (0, 1], which neither overflows nor loses the sign of l.
import { expV } from './math';

/** exp(−|l|): 0 for l = ±Infinity, NaN for NaN. */
// @ts-ignore: decorator
@inline export function expNegAbs(l: v128): v128 {
  return expV(f32x4.neg(f32x4.abs(l)));
}

/** sigmoid(l) = 1/(1 + e) for l >= 0 and e/(1 + e) below, with e = exp(−|l|): neither form overflows. */
// @ts-ignore: decorator
@inline export function sigmoidFromExp(l: v128, e: v128): v128 {
  const numerator = v128.bitselect(f32x4.splat(1.0), e, f32x4.ge(l, f32x4.splat(0)));
  return f32x4.div(numerator, f32x4.add(e, f32x4.splat(1.0)));
}
