// KL(N(mean, exp(logVar)) ‖ N(0, I)) summed per row, and its gradient in one sweep.
// Per element: ½·(exp(logVar) + mean² − 1 − logVar);  ∂/∂mean = mean,  ∂/∂logVar = ½·(exp(logVar) − 1).
// mean and logVar are per element (rows × cols) or per feature (cols), as flagged.
//
// The exp is the cost of an element, so it runs once per logVar value: a per-feature logVar's part of the
// term, exp(logVar) − 1 − logVar, is computed once per feature, and a per-element logVar's forward pass can
// leave exp(logVar) (`varianceOut`) for the backward pass, which then needs no exp.
import { expV } from '../math/exp';
import { sumLanes } from '../simd/horizontal';
import { F32_BYTES, loadLanes, storeLanes, validLanes } from '../simd/lanes';
import { rowOffset, storeOrAccumulate } from './operands';

// @ts-ignore: decorator
@inline function klTerm(mean: v128, logVar: v128, variance: v128): v128 {
  const t = f32x4.sub(f32x4.add(variance, f32x4.mul(mean, mean)), f32x4.add(logVar, f32x4.splat(1.0)));
  return f32x4.mul(t, f32x4.splat(0.5));
}

/** Bytes of prob_kl_standard_normal_f32's scratch block: a per-feature logVar's terms, one per feature. */
export function prob_kl_standard_normal_f32_scratch_bytes(cols: i32, logVarPerElement: i32): usize {
  return logVarPerElement == 0 ? <usize>cols * F32_BYTES : 0;
}

/** `scratch`: the caller's block of prob_kl_standard_normal_f32_scratch_bytes bytes. */
export function prob_kl_standard_normal_f32(
  mean: usize, meanPerElement: i32, logVar: usize, logVarPerElement: i32, out: usize, rows: i32, cols: i32,
  varianceOut: usize, scratch: usize): void {
  if (logVarPerElement == 0) {
    featureLogVarTerms(logVar, scratch, cols);
    featureRows(mean, meanPerElement, scratch, out, rows, cols);
  } else if (varianceOut != 0) {
    elementRows(mean, meanPerElement, logVar, out, rows, cols, varianceOut, true);
  } else {
    elementRows(mean, meanPerElement, logVar, out, rows, cols, 0, false);
  }
}

/** Rows with a per-element logVar; exp(logVar) is kept in `varianceOut` when `keep`. */
// @ts-ignore: decorator
@inline function elementRows(
  mean: usize, meanPerElement: i32, logVar: usize, out: usize, rows: i32, cols: i32, varianceOut: usize,
  keep: bool): void {
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32_BYTES;
    const meanRow = mean + rowOffset(meanPerElement, r, cols);
    let acc = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      acc = f32x4.add(acc, elementStep(meanRow, logVar + rowBytes, varianceOut + rowBytes, <usize>j * F32_BYTES, keep, 4));
    }
    for (; j < cols; j++) {
      acc = f32x4.add(acc, validLanes(elementStep(meanRow, logVar + rowBytes, varianceOut + rowBytes,
        <usize>j * F32_BYTES, keep, 1), 1));
    }
    store<f32>(out + <usize>r * F32_BYTES, sumLanes(acc));
  }
}

// @ts-ignore: decorator
@inline function elementStep(meanRow: usize, logVarRow: usize, varianceRow: usize, o: usize, keep: bool,
  lanes: i32): v128 {
  const lv = loadLanes(logVarRow + o, lanes);
  const variance = expV(lv);
  if (keep) storeLanes(varianceRow + o, variance, lanes);
  return klTerm(loadLanes(meanRow + o, lanes), lv, variance);
}

/** exp(logVar) − (logVar + 1) per feature: the term of an element without its mean². */
function featureLogVarTerms(logVar: usize, terms: usize, cols: i32): void {
  let j = 0;
  for (; j + 4 <= cols; j += 4) v128.store(terms + <usize>j * F32_BYTES, logVarTerm(v128.load(logVar + <usize>j * F32_BYTES)));
  for (; j < cols; j++) store<f32>(terms + <usize>j * F32_BYTES, f32x4.extract_lane(logVarTerm(loadLanes(logVar + <usize>j * F32_BYTES, 1)), 0));
}

// @ts-ignore: decorator
@inline function logVarTerm(lv: v128): v128 {
  return f32x4.sub(expV(lv), f32x4.add(lv, f32x4.splat(1.0)));
}

/** Rows with a per-feature logVar: ½·(mean² + term) with the per-feature terms, no exp in the loop. */
function featureRows(mean: usize, meanPerElement: i32, terms: usize, out: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const meanRow = mean + rowOffset(meanPerElement, r, cols);
    let acc = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= cols; j += 4) acc = f32x4.add(acc, featureStep(meanRow, terms, <usize>j * F32_BYTES, 4));
    for (; j < cols; j++) acc = f32x4.add(acc, validLanes(featureStep(meanRow, terms, <usize>j * F32_BYTES, 1), 1));
    store<f32>(out + <usize>r * F32_BYTES, sumLanes(acc));
  }
}

// @ts-ignore: decorator
@inline function featureStep(meanRow: usize, terms: usize, o: usize, lanes: i32): v128 {
  const m = loadLanes(meanRow + o, lanes);
  return f32x4.mul(f32x4.add(f32x4.mul(m, m), loadLanes(terms + o, lanes)), f32x4.splat(0.5));
}

/**
 * Gradient for one upstream value per row. A per-feature operand's gradient is its factor times Σ dy over the
 * rows (Σ_r dy_r·f = f·Σ_r dy_r): summing the products instead would turn f = ±Infinity with upstream values
 * of both signs into NaN where the factored form, like the composite on other backends, gives ±Infinity.
 * `variance`, when non-zero, holds exp(logVar) per element as the forward pass left it; logVar is then not read.
 */
export function prob_kl_standard_normal_grad_f32(
  mean: usize, meanPerElement: i32, logVar: usize, logVarPerElement: i32, dy: usize,
  dMean: usize, dLogVar: usize, rows: i32, cols: i32, variance: usize): void {
  let dySum: f32 = 0;
  for (let r = 0; r < rows; r++) dySum += load<f32>(dy + <usize>r * F32_BYTES);
  if (meanPerElement == 0) featureGrad(mean, dMean, cols, f32x4.splat(dySum), false);
  if (logVarPerElement == 0) featureGrad(logVar, dLogVar, cols, f32x4.splat(dySum), true);
  if (meanPerElement == 0 && logVarPerElement == 0) return;
  if (logVarPerElement != 0 && variance != 0) {
    gradRows(mean, meanPerElement, variance, logVarPerElement, dy, dMean, dLogVar, rows, cols, true);
  } else {
    gradRows(mean, meanPerElement, logVar, logVarPerElement, dy, dMean, dLogVar, rows, cols, false);
  }
}

/** `source` holds exp(logVar) (`given`) or logVar. */
// @ts-ignore: decorator
@inline function gradRows(
  mean: usize, meanPerElement: i32, source: usize, logVarPerElement: i32, dy: usize, dMean: usize, dLogVar: usize,
  rows: i32, cols: i32, given: bool): void {
  for (let r = 0; r < rows; r++) {
    const meanOffset = rowOffset(meanPerElement, r, cols);
    const logVarOffset = rowOffset(logVarPerElement, r, cols);
    const g = f32x4.splat(load<f32>(dy + <usize>r * F32_BYTES));
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      gradStep(mean + meanOffset, source + logVarOffset, dMean + meanOffset, dLogVar + logVarOffset,
        <usize>j * F32_BYTES, g, meanPerElement, logVarPerElement, given, 4);
    }
    for (; j < cols; j++) {
      gradStep(mean + meanOffset, source + logVarOffset, dMean + meanOffset, dLogVar + logVarOffset,
        <usize>j * F32_BYTES, g, meanPerElement, logVarPerElement, given, 1);
    }
  }
}

/** ½·(variance − 1)·dy. */
// @ts-ignore: decorator
@inline function logVarGrad(variance: v128, g: v128): v128 {
  return f32x4.mul(f32x4.mul(f32x4.sub(variance, f32x4.splat(1.0)), f32x4.splat(0.5)), g);
}

/** ∂/∂mean = mean and ∂/∂logVar = ½·(exp(logVar) − 1), times dy. */
// @ts-ignore: decorator
@inline function elementGrad(x: v128, g: v128, isLogVar: bool): v128 {
  if (!isLogVar) return f32x4.mul(x, g);
  return logVarGrad(expV(x), g);
}

/** A per-feature operand's gradient: its factor times Σ dy. */
function featureGrad(x: usize, dx: usize, cols: i32, dySum: v128, isLogVar: bool): void {
  let j = 0;
  for (; j + 4 <= cols; j += 4) v128.store(dx + <usize>j * F32_BYTES, elementGrad(v128.load(x + <usize>j * F32_BYTES), dySum, isLogVar));
  for (; j < cols; j++) {
    store<f32>(dx + <usize>j * F32_BYTES, f32x4.extract_lane(elementGrad(loadLanes(x + <usize>j * F32_BYTES, 1), dySum, isLogVar), 0));
  }
}

// @ts-ignore: decorator
@inline function gradStep(
  meanRow: usize, sourceRow: usize, dMeanRow: usize, dLogVarRow: usize, o: usize, g: v128,
  meanPerElement: i32, logVarPerElement: i32, given: bool, lanes: i32): void {
  if (meanPerElement != 0) storeOrAccumulate(dMeanRow + o, elementGrad(loadLanes(meanRow + o, lanes), g, false), 1, lanes);
  if (logVarPerElement != 0) {
    const s = loadLanes(sourceRow + o, lanes);
    storeOrAccumulate(dLogVarRow + o, given ? logVarGrad(s, g) : elementGrad(s, g, true), 1, lanes);
  }
}
