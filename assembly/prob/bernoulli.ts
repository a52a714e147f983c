// Bernoulli log-likelihood of x given logits l, per element in the stable form
//   log p = x·l − softplus(l) = x·l − max(l, 0) − log1p(exp(−|l|)),
// summed over each row of `cols` (in float64) or kept per element, and its gradient in one sweep:
//   ∂/∂l = dy·(x − sigmoid(l)),  ∂/∂x = dy·l.
// e = exp(−|l|) is the one transcendental both passes need; the forward pass can leave it in `keptOut` for the
// backward pass (then only a division remains there).
import { log1pUnitV } from '../math/log';
import { expNegAbs, sigmoidFromExp } from '../math/logistic';
import { F32_BYTES, loadLanes, storeLanes } from '../simd/lanes';
import { sumRowF32 } from '../simd/row_sum';
import { expNegAbsRow } from './logistic';

/**
 * log p of four lanes from x, l and e = exp(−|l|). x·l − max(l, 0) is computed as (x − [l > 0])·l, and taken as 0
 * where x − [l > 0] is 0, so that l = ±Infinity gives the limit (log p = 0 for x = 1, l = +∞) instead of ∞ − ∞.
 * A NaN l still gives NaN (through e); a NaN x through the product.
 */
// @ts-ignore: decorator
@inline function logLikelihood(x: v128, l: v128, e: v128): v128 {
  const d = f32x4.sub(x, v128.and(f32x4.gt(l, f32x4.splat(0)), f32x4.splat(1.0)));
  const linear = v128.andnot(f32x4.mul(d, l), f32x4.eq(d, f32x4.splat(0)));
  return f32x4.sub(linear, log1pUnitV(e));
}

// ---------------------------------------------------------------------------------------------------
// Forward

/** Bytes of prob_bernoulli_log_likelihood_f32's scratch block: two rows, e when it is not kept, log p when summed. */
export function prob_bernoulli_log_likelihood_f32_scratch_bytes(cols: i32): usize {
  return 2 * <usize>max(cols, 1) * F32_BYTES;
}

/**
 * out: one sum per row, or one value per element when `elementwise`; keptOut (0: none): e per element;
 * `scratch`: the caller's block of prob_bernoulli_log_likelihood_f32_scratch_bytes bytes.
 */
export function prob_bernoulli_log_likelihood_f32(
  x: usize, logits: usize, out: usize, rows: i32, cols: i32, elementwise: i32, keptOut: usize, scratch: usize): void {
  const rowBytes = <usize>max(cols, 1) * F32_BYTES;
  for (let r = 0; r < rows; r++) {
    const offset = <usize>r * <usize>cols * F32_BYTES;
    const e = keptOut != 0 ? keptOut + offset : scratch;
    const lp = elementwise != 0 ? out + offset : scratch + rowBytes;
    expNegAbsRow(logits + offset, e, cols);
    logLikelihoodRow(x + offset, logits + offset, e, lp, cols);
    if (elementwise == 0) store<f32>(out + <usize>r * F32_BYTES, <f32>sumRowF32(lp, cols));
  }
}

// A row in passes over memory that stays in L1: e = exp(−|l|), then log p, then (for 'sum') the sum. Short
// loops with independent iterations let the processor overlap more of them than one long loop would.

function logLikelihoodRow(x: usize, l: usize, e: usize, lp: usize, cols: i32): void {
  let j = 0;
  for (; j + 4 <= cols; j += 4) {
    const o = <usize>j * F32_BYTES;
    v128.store(lp + o, logLikelihood(v128.load(x + o), v128.load(l + o), v128.load(e + o)));
  }
  for (; j < cols; j++) {
    const o = <usize>j * F32_BYTES;
    storeLanes(lp + o, logLikelihood(loadLanes(x + o, 1), loadLanes(l + o, 1), loadLanes(e + o, 1)), 1);
  }
}

// ---------------------------------------------------------------------------------------------------
// Backward

/**
 * dx = dy·l and dLogits = dy·(x − sigmoid(l)), with dy one value per row (or per element when `elementwise`).
 * kept (0: none) holds e = exp(−|l|) from the forward pass; without it e is recomputed.
 */
export function prob_bernoulli_log_likelihood_grad_f32(
  x: usize, logits: usize, dy: usize, elementwise: i32, dx: usize, dLogits: usize, rows: i32, cols: i32,
  kept: usize): void {
  if (kept != 0) gradRows(x, logits, dy, elementwise != 0, dx, dLogits, rows, cols, kept, true);
  else gradRows(x, logits, dy, elementwise != 0, dx, dLogits, rows, cols, 0, false);
}

// @ts-ignore: decorator
@inline function gradRows(
  x: usize, logits: usize, dy: usize, elementwise: bool, dx: usize, dLogits: usize, rows: i32, cols: i32,
  kept: usize, useKept: bool): void {
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32_BYTES;
    const gRow = f32x4.splat(elementwise ? 0 : load<f32>(dy + <usize>r * F32_BYTES));
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = rowBytes + <usize>j * F32_BYTES;
      const g = elementwise ? v128.load(dy + o) : gRow;
      gradStep(x + o, logits + o, kept + o, useKept, g, dx + o, dLogits + o, 4);
    }
    for (; j < cols; j++) {
      const o = rowBytes + <usize>j * F32_BYTES;
      const g = elementwise ? f32x4.splat(load<f32>(dy + o)) : gRow;
      gradStep(x + o, logits + o, kept + o, useKept, g, dx + o, dLogits + o, 1);
    }
  }
}

// @ts-ignore: decorator
@inline function gradStep(
  x: usize, l: usize, kept: usize, useKept: bool, g: v128, dx: usize, dLogits: usize, lanes: i32): void {
  const lv = loadLanes(l, lanes);
  const e = useKept ? loadLanes(kept, lanes) : expNegAbs(lv);
  storeLanes(dLogits, f32x4.mul(f32x4.sub(loadLanes(x, lanes), sigmoidFromExp(lv, e)), g), lanes);
  storeLanes(dx, f32x4.mul(lv, g), lanes);
}
