// Gaussian log-likelihood log N(x; mean, exp(logVar)) per element, summed per row or kept element-wise,
// and its gradient with respect to x, mean and logVar in one sweep.
// Layout: `rows` rows of `cols` features. mean and logVar either hold one value per element
// (`...PerElement` = 1) or one value per feature shared by every row (0).
// Per element, with v = max(logVar, logVarFloor), w = exp(-v/2) and z = (x - mean)·w:
//   log p = -(z² + v)/2 - halfLog2Pi        (z² cannot overflow where the result is finite)
//   ∂/∂x = -z·w,  ∂/∂mean = z·w,  ∂/∂logVar = (z² - 1)/2 where logVar >= floor, else 0.
//
// The exp is the whole cost of an element (the rest is a few multiply-adds), so it runs once per value
// of logVar: once per feature for a per-feature logVar, and, for a per-element logVar, once per element
// in the forward pass, which can leave the weights w for the backward pass (`weightsOut`, "signed
// weights": w with its sign bit set where logVar was below the floor, so the backward pass needs
// neither logVar nor another exp).
import { expV } from '../math/exp';
import { sumLanes } from '../simd/horizontal';
import { F32_BYTES, loadLanes, storeLanes, validLanes } from '../simd/lanes';
import { madd } from '../simd/madd';
import { rowOffset, storeOrAccumulate } from './operands';

const SIGN: i32 = 0x80000000;

/** Signed weights of four logVar lanes: exp(-max(logVar, floor)/2), sign bit set below the floor. */
// @ts-ignore: decorator
@inline function signedWeight(logVar: v128, floor: v128): v128 {
  return withFloorSign(expV(f32x4.mul(f32x4.pmax(logVar, floor), f32x4.splat(-0.5))), logVar, floor);
}

/** w with its sign bit set in the lanes where logVar is below the floor. */
// @ts-ignore: decorator
@inline function withFloorSign(w: v128, logVar: v128, floor: v128): v128 {
  return v128.or(w, v128.and(f32x4.lt(logVar, floor), i32x4.splat(SIGN)));
}

/** w of a signed weight. */
// @ts-ignore: decorator
@inline function weightOf(signed: v128): v128 {
  return v128.andnot(signed, i32x4.splat(SIGN));
}

/** 1.0 where logVar was at or above the floor (sign bit clear), else 0.0. */
// @ts-ignore: decorator
@inline function aboveFloor(signed: v128): v128 {
  return v128.and(i32x4.ge_s(signed, i32x4.splat(0)), f32x4.splat(1.0));
}

/** Signed weights (and -v/2 - constant, when `offsets` is non-zero) of `count` per-feature logVar values. */
function featureWeights(logVar: usize, count: i32, floor: v128, weights: usize, offsets: usize, minusC: v128): void {
  let j = 0;
  for (; j + 4 <= count; j += 4) featureWeightStep(logVar, j, floor, weights, offsets, minusC, 4);
  for (; j < count; j++) featureWeightStep(logVar, j, floor, weights, offsets, minusC, 1);
}

// @ts-ignore: decorator
@inline function featureWeightStep(
  logVar: usize, j: i32, floor: v128, weights: usize, offsets: usize, minusC: v128, lanes: i32): void {
  const o = <usize>j * F32_BYTES;
  const lv = loadLanes(logVar + o, lanes);
  storeLanes(weights + o, signedWeight(lv, floor), lanes);
  if (offsets != 0) {
    const offset = madd(f32x4.pmax(lv, floor), f32x4.splat(-0.5), minusC);
    storeLanes(offsets + o, offset, lanes);
  }
}

// ---------------------------------------------------------------------------------------------------
// Forward

/** Bytes of prob_gaussian_log_likelihood_f32's scratch block: a per-feature logVar's weights and offsets. */
export function prob_gaussian_log_likelihood_f32_scratch_bytes(cols: i32, logVarPerElement: i32): usize {
  return logVarPerElement == 0 ? <usize>cols * 2 * F32_BYTES : 0;
}

/** `scratch`: the caller's block of prob_gaussian_log_likelihood_f32_scratch_bytes bytes. */
export function prob_gaussian_log_likelihood_f32(
  x: usize, mean: usize, meanPerElement: i32, logVar: usize, logVarPerElement: i32, out: usize,
  rows: i32, cols: i32, logVarFloor: f32, constant: f32, elementwise: i32, weightsOut: usize, scratch: usize): void {
  const floor = f32x4.splat(logVarFloor);
  const minusC = f32x4.splat(-constant);
  if (logVarPerElement == 0) {
    // exp once per feature: weights w and offsets -v/2 - constant, then log p = -z²/2 + offset.
    const weights = scratch;
    const offsets = scratch + <usize>cols * F32_BYTES;
    featureWeights(logVar, cols, floor, weights, offsets, minusC);
    if (elementwise != 0) featureRows(x, mean, meanPerElement, weights, offsets, out, rows, cols, true);
    else featureRows(x, mean, meanPerElement, weights, offsets, out, rows, cols, false);
  } else {
    elementRowsFor(x, mean, meanPerElement, logVar, out, rows, cols, floor, minusC, elementwise != 0, weightsOut,
      logVarFloor != -Infinity);
  }
}

/** One loop per combination of flags, so that no flag is tested per element. */
function elementRowsFor(
  x: usize, mean: usize, meanPerElement: i32, logVar: usize, out: usize, rows: i32, cols: i32,
  floor: v128, minusC: v128, elementwise: bool, weightsOut: usize, floored: bool): void {
  const w = weightsOut;
  switch ((elementwise ? 4 : 0) | (w != 0 ? 2 : 0) | (floored ? 1 : 0)) {
    case 0: elementRows(x, mean, meanPerElement, logVar, out, rows, cols, floor, minusC, false, w, false, false); break;
    case 1: elementRows(x, mean, meanPerElement, logVar, out, rows, cols, floor, minusC, false, w, false, true); break;
    case 2: elementRows(x, mean, meanPerElement, logVar, out, rows, cols, floor, minusC, false, w, true, false); break;
    case 3: elementRows(x, mean, meanPerElement, logVar, out, rows, cols, floor, minusC, false, w, true, true); break;
    case 4: elementRows(x, mean, meanPerElement, logVar, out, rows, cols, floor, minusC, true, w, false, false); break;
    case 5: elementRows(x, mean, meanPerElement, logVar, out, rows, cols, floor, minusC, true, w, false, true); break;
    case 6: elementRows(x, mean, meanPerElement, logVar, out, rows, cols, floor, minusC, true, w, true, false); break;
    default: elementRows(x, mean, meanPerElement, logVar, out, rows, cols, floor, minusC, true, w, true, true);
  }
}

/** Rows with a per-element logVar: one exp per element; its weight is kept when `weightsOut` is set. */
// @ts-ignore: decorator
@inline function elementRows(
  x: usize, mean: usize, meanPerElement: i32, logVar: usize, out: usize, rows: i32, cols: i32,
  floor: v128, minusC: v128, elementwise: bool, weightsOut: usize, keepWeights: bool, floored: bool): void {
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32_BYTES;
    const xRow = x + rowBytes;
    const meanRow = mean + rowOffset(meanPerElement, r, cols);
    const logVarRow = logVar + rowBytes;
    const weightsRow = weightsOut + rowBytes;
    const outRow = out + (elementwise ? rowBytes : <usize>r * F32_BYTES);
    let acc = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      acc = elementStep(xRow, meanRow, logVarRow, weightsRow, outRow, <usize>j * F32_BYTES, floor, minusC, elementwise,
        keepWeights, floored, acc, 4);
    }
    for (; j < cols; j++) {
      acc = elementStep(xRow, meanRow, logVarRow, weightsRow, outRow, <usize>j * F32_BYTES, floor, minusC, elementwise,
        keepWeights, floored, acc, 1);
    }
    if (!elementwise) store<f32>(outRow, sumLanes(acc));
  }
}

// @ts-ignore: decorator
@inline function elementStep(
  xRow: usize, meanRow: usize, logVarRow: usize, weightsRow: usize, outRow: usize, o: usize, floor: v128,
  minusC: v128, elementwise: bool, keepWeights: bool, floored: bool, acc: v128, lanes: i32): v128 {
  const lv = loadLanes(logVarRow + o, lanes);
  const v = floored ? f32x4.pmax(lv, floor) : lv; // NaN logVar stays NaN: pmax returns its first operand then
  const w = expV(f32x4.mul(v, f32x4.splat(-0.5)));
  if (keepWeights) storeLanes(weightsRow + o, floored ? withFloorSign(w, lv, floor) : w, lanes);
  const z = f32x4.mul(f32x4.sub(loadLanes(xRow + o, lanes), loadLanes(meanRow + o, lanes)), w);
  const lp = madd(madd(z, z, v), f32x4.splat(-0.5), minusC);
  return emit(outRow + o, lp, elementwise, acc, lanes);
}

/** Rows with a per-feature logVar: no exp in the loop, only the per-feature weights and offsets. */
// @ts-ignore: decorator
@inline function featureRows(
  x: usize, mean: usize, meanPerElement: i32, weights: usize, offsets: usize, out: usize, rows: i32, cols: i32,
  elementwise: bool): void {
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32_BYTES;
    const xRow = x + rowBytes;
    const meanRow = mean + rowOffset(meanPerElement, r, cols);
    const outRow = out + (elementwise ? rowBytes : <usize>r * F32_BYTES);
    let acc = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      acc = featureStep(xRow, meanRow, weights, offsets, outRow, <usize>j * F32_BYTES, elementwise, acc, 4);
    }
    for (; j < cols; j++) acc = featureStep(xRow, meanRow, weights, offsets, outRow, <usize>j * F32_BYTES, elementwise, acc, 1);
    if (!elementwise) store<f32>(outRow, sumLanes(acc));
  }
}

// @ts-ignore: decorator
@inline function featureStep(
  xRow: usize, meanRow: usize, weights: usize, offsets: usize, outRow: usize, o: usize, elementwise: bool,
  acc: v128, lanes: i32): v128 {
  const z = f32x4.mul(f32x4.sub(loadLanes(xRow + o, lanes), loadLanes(meanRow + o, lanes)),
    weightOf(loadLanes(weights + o, lanes)));
  const lp = madd(f32x4.mul(z, z), f32x4.splat(-0.5), loadLanes(offsets + o, lanes));
  return emit(outRow + o, lp, elementwise, acc, lanes);
}

/** log p of `lanes` elements: stored element-wise, or added to the row's sum. */
// @ts-ignore: decorator
@inline function emit(ptr: usize, lp: v128, elementwise: bool, acc: v128, lanes: i32): v128 {
  if (elementwise) {
    storeLanes(ptr, lp, lanes);
    return acc;
  }
  return f32x4.add(acc, validLanes(lp, lanes));
}

// ---------------------------------------------------------------------------------------------------
// Backward

/**
 * Gradient for upstream `dy` (one value per row, or per element when `elementwise`). dMean and dLogVar
 * have the layout of mean and logVar: per-feature gradients are summed over the rows here. `weights`, when
 * non-zero, holds the signed weights the forward pass left (per element); logVar is then not read.
 */
/** Bytes of prob_gaussian_log_likelihood_grad_f32's scratch block: a per-feature logVar's weights. */
export function prob_gaussian_log_likelihood_grad_f32_scratch_bytes(cols: i32, logVarPerElement: i32): usize {
  return logVarPerElement == 0 ? <usize>cols * F32_BYTES : 0;
}

/** `scratch`: the caller's block of prob_gaussian_log_likelihood_grad_f32_scratch_bytes bytes. */
export function prob_gaussian_log_likelihood_grad_f32(
  x: usize, mean: usize, meanPerElement: i32, logVar: usize, logVarPerElement: i32, dy: usize,
  elementwise: i32, dx: usize, dMean: usize, dLogVar: usize, rows: i32, cols: i32, logVarFloor: f32,
  weights: usize, scratch: usize): void {
  if (meanPerElement == 0) memory.fill(dMean, 0, <usize>cols * F32_BYTES);
  if (logVarPerElement == 0) memory.fill(dLogVar, 0, <usize>cols * F32_BYTES);
  const floor = f32x4.splat(logVarFloor);
  if (logVarPerElement == 0) {
    featureWeights(logVar, cols, floor, scratch, 0, floor);
    gradRows(x, mean, meanPerElement, scratch, 0, dy, elementwise, dx, dMean, dLogVar, rows, cols, floor, true);
  } else if (weights != 0) {
    gradRows(x, mean, meanPerElement, weights, 1, dy, elementwise, dx, dMean, dLogVar, rows, cols, floor, true);
  } else {
    gradRows(x, mean, meanPerElement, logVar, 1, dy, elementwise, dx, dMean, dLogVar, rows, cols, floor, false);
  }
}

/** `source` holds signed weights (`weighted`) or logVar, per element or per feature. */
// @ts-ignore: decorator
@inline function gradRows(
  x: usize, mean: usize, meanPerElement: i32, source: usize, sourcePerElement: i32, dy: usize, elementwise: i32,
  dx: usize, dMean: usize, dLogVar: usize, rows: i32, cols: i32, floor: v128, weighted: bool): void {
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32_BYTES;
    const meanOffset = rowOffset(meanPerElement, r, cols);
    const sourceOffset = rowOffset(sourcePerElement, r, cols);
    const gRow = f32x4.splat(elementwise != 0 ? 0 : load<f32>(dy + <usize>r * F32_BYTES));
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = <usize>j * F32_BYTES;
      const g = elementwise != 0 ? v128.load(dy + rowBytes + o) : gRow;
      gradStep(x + rowBytes + o, mean + meanOffset + o, source + sourceOffset + o, weighted, g, floor,
        dx + rowBytes + o, dMean + meanOffset + o, meanPerElement, dLogVar + sourceOffset + o, sourcePerElement, 4);
    }
    for (; j < cols; j++) {
      const o = <usize>j * F32_BYTES;
      const g = elementwise != 0 ? f32x4.splat(load<f32>(dy + rowBytes + o)) : gRow;
      gradStep(x + rowBytes + o, mean + meanOffset + o, source + sourceOffset + o, weighted, g, floor,
        dx + rowBytes + o, dMean + meanOffset + o, meanPerElement, dLogVar + sourceOffset + o, sourcePerElement, 1);
    }
  }
}

/** Gradients of `lanes` (4, or 1 for a tail element) consecutive elements. */
// @ts-ignore: decorator
@inline function gradStep(
  x: usize, mean: usize, source: usize, weighted: bool, g: v128, floor: v128,
  dx: usize, dMean: usize, meanPerElement: i32, dLogVar: usize, logVarPerElement: i32, lanes: i32): void {
  const s = loadLanes(source, lanes);
  let w: v128;
  let keep: v128;
  if (weighted) {
    w = weightOf(s);
    keep = aboveFloor(s);
  } else {
    w = expV(f32x4.mul(f32x4.pmax(s, floor), f32x4.splat(-0.5)));
    keep = v128.and(f32x4.ge(s, floor), f32x4.splat(1.0));
  }
  const z = f32x4.mul(f32x4.sub(loadLanes(x, lanes), loadLanes(mean, lanes)), w);
  const gMean = f32x4.mul(f32x4.mul(z, w), g);
  // Multiplying by the 0/1 mask (not selecting) keeps NaN gradients NaN, as tf.maximum's gradient does.
  const gLogVar = f32x4.mul(f32x4.mul(f32x4.mul(f32x4.sub(f32x4.mul(z, z), f32x4.splat(1.0)),
    f32x4.splat(0.5)), g), keep);
  storeLanes(dx, f32x4.neg(gMean), lanes);
  storeOrAccumulate(dMean, gMean, meanPerElement, lanes);
  storeOrAccumulate(dLogVar, gLogVar, logVarPerElement, lanes);
}
