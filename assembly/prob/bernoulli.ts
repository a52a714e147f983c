// Bernoulli log-likelihood of x given logits l, per element in the stable form
//   log p = x·l − softplus(l) = x·l − max(l, 0) − log1p(exp(−|l|)),
// summed over each row of `cols` (in float64) or kept per element, and its gradient in one sweep:
//   ∂/∂l = dy·(x − sigmoid(l)),  ∂/∂x = dy·l.
// e = exp(−|l|) is the one transcendental both passes need; the forward pass can leave it in `keptOut` for the
// backward pass (then only a division remains there).
import { log1pUnitV, lane0 } from './math';
import { F32, loadLanes, storeLanes } from './lanes';
import { expNegAbs, sigmoidFromExp } from './logistic';

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

/** out: one sum per row, or one value per element when `elementwise`; keptOut (0: none): e per element. */
export function probBernoulliLogLikelihood(
  x: usize, logits: usize, out: usize, rows: i32, cols: i32, elementwise: i32, keptOut: usize): void {
  // One loop per combination of flags, so that no flag is tested per element.
  if (elementwise != 0) {
    if (keptOut != 0) forwardRows(x, logits, out, rows, cols, true, keptOut, true);
    else forwardRows(x, logits, out, rows, cols, true, 0, false);
  } else if (keptOut != 0) {
    forwardRows(x, logits, out, rows, cols, false, keptOut, true);
  } else {
    forwardRows(x, logits, out, rows, cols, false, 0, false);
  }
}

// @ts-ignore: decorator
@inline function forwardRows(
  x: usize, logits: usize, out: usize, rows: i32, cols: i32, elementwise: bool, keptOut: usize, keep: bool): void {
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32;
    const xRow = x + rowBytes;
    const lRow = logits + rowBytes;
    const keptRow = keptOut + rowBytes;
    const outRow = out + (elementwise ? rowBytes : <usize>r * F32);
    // The row sum in float64: two f64x2 accumulators take the low and high halves of each vector.
    let low = f64x2.splat(0);
    let high = f64x2.splat(0);
    let tail: f64 = 0;
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = <usize>j * F32;
      const lp = forwardStep(xRow + o, lRow + o, keptRow + o, keep, 4);
      if (elementwise) {
        v128.store(outRow + o, lp);
      } else {
        low = f64x2.add(low, f64x2.promote_low_f32x4(lp));
        high = f64x2.add(high, f64x2.promote_low_f32x4(v128.shuffle<i32>(lp, lp, 2, 3, 0, 1)));
      }
    }
    for (; j < cols; j++) {
      const o = <usize>j * F32;
      const lp = forwardStep(xRow + o, lRow + o, keptRow + o, keep, 1);
      if (elementwise) store<f32>(outRow + o, lane0(lp));
      else tail += <f64>lane0(lp);
    }
    if (!elementwise) {
      const sum = f64x2.add(low, high);
      store<f32>(outRow, <f32>(f64x2.extract_lane(sum, 0) + f64x2.extract_lane(sum, 1) + tail));
    }
  }
}

// @ts-ignore: decorator
@inline function forwardStep(x: usize, l: usize, kept: usize, keep: bool, lanes: i32): v128 {
  const lv = loadLanes(l, lanes);
  const e = expNegAbs(lv);
  if (keep) storeLanes(kept, e, lanes);
  return logLikelihood(loadLanes(x, lanes), lv, e);
}

// ---------------------------------------------------------------------------------------------------
// Backward

/**
 * dx = dy·l and dLogits = dy·(x − sigmoid(l)), with dy one value per row (or per element when `elementwise`).
 * kept (0: none) holds e = exp(−|l|) from the forward pass; without it e is recomputed.
 */
export function probBernoulliLogLikelihoodGrad(
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
    const rowBytes = <usize>r * <usize>cols * F32;
    const gRow = f32x4.splat(elementwise ? 0 : load<f32>(dy + <usize>r * F32));
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = rowBytes + <usize>j * F32;
      const g = elementwise ? v128.load(dy + o) : gRow;
      gradStep(x + o, logits + o, kept + o, useKept, g, dx + o, dLogits + o, 4);
    }
    for (; j < cols; j++) {
      const o = rowBytes + <usize>j * F32;
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
