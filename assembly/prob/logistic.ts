// Pieces of the logistic function shared by the sigmoid cross-entropy and the Bernoulli log-likelihood, all from
// e = exp(−|l|) in (0, 1], which neither overflows nor loses the sign of l.
import { F32, loadLanes, storeLanes } from './lanes';
import { expExponent, expReduced, expShift, pow2i } from './math';

// Below this, e^t is under float32's smallest normal: those results are flushed to 0 (log1p(e) and sigmoid then
// differ from the exact ones by less than 1.2e-38).
const MIN_ARG: f32 = -87.33654;

/**
 * exp(−|l|): 0 for l = ±Infinity, NaN for NaN. expV for an argument t <= 0 whose result is normal: 2^k fits one
 * exponent field, so neither expV's upper clamp nor its second scaling step is needed (5% of the kernels' time).
 */
// @ts-ignore: decorator
@inline export function expNegAbs(l: v128): v128 {
  const t = f32x4.neg(f32x4.abs(l));
  const x = f32x4.pmax(t, f32x4.splat(MIN_ARG)); // NaN passes: pmax returns its first operand then
  const shifted = expShift(x);
  const e = f32x4.mul(expReduced(x, shifted), pow2i(expExponent(shifted)));
  return v128.andnot(e, f32x4.lt(t, f32x4.splat(MIN_ARG)));
}

/** sigmoid(l) = 1/(1 + e) for l >= 0 and e/(1 + e) below, with e = exp(−|l|): neither form overflows. */
// @ts-ignore: decorator
@inline export function sigmoidFromExp(l: v128, e: v128): v128 {
  const numerator = v128.bitselect(f32x4.splat(1.0), e, f32x4.ge(l, f32x4.splat(0)));
  return f32x4.div(numerator, f32x4.add(e, f32x4.splat(1.0)));
}

/** e[0..n) = exp(−|l[0..n)|): the pass both logistic forward kernels start each row or block with. */
export function expNegAbsRow(l: usize, e: usize, n: i32): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) v128.store(e + <usize>j * F32, expNegAbs(v128.load(l + <usize>j * F32)));
  for (; j < n; j++) storeLanes(e + <usize>j * F32, expNegAbs(loadLanes(l + <usize>j * F32, 1)), 1);
}
