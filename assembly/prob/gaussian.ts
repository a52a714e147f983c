// Gaussian log-likelihood log N(x; mean, exp(logVar)) per element, summed per row or kept element-wise,
// and its gradient with respect to x, mean and logVar in one sweep.
// Layout: `rows` rows of `cols` features. mean and logVar either hold one value per element
// (`...PerElement` = 1) or one value per feature shared by every row (0).
// Per element, with v = max(logVar, logVarFloor), w = exp(-v/2) and z = (x - mean)·w:
//   log p = -(z² + v)/2 - halfLog2Pi        (z² cannot overflow where the result is finite)
//   ∂/∂x = -z·w,  ∂/∂mean = z·w,  ∂/∂logVar = (z² - 1)/2 where logVar >= floor, else 0.
import { expV, sumLanes } from './math';
import { F32, loadLanes, rowOffset, storeLanes, storeOrAccumulate, validLanes } from './lanes';

/** log p for four lanes. */
// @ts-ignore: decorator
@inline function logDensity(x: v128, mean: v128, logVar: v128, floor: v128, constant: v128): v128 {
  const v = f32x4.pmax(logVar, floor); // NaN logVar stays NaN: pmax returns its first operand then
  const z = f32x4.mul(f32x4.sub(x, mean), expV(f32x4.mul(v, f32x4.splat(-0.5))));
  return f32x4.sub(f32x4.mul(f32x4.add(f32x4.mul(z, z), v), f32x4.splat(-0.5)), constant);
}

export function probGaussianLogLikelihood(
  x: usize, mean: usize, meanPerElement: i32, logVar: usize, logVarPerElement: i32, out: usize,
  rows: i32, cols: i32, logVarFloor: f32, constant: f32, elementwise: i32): void {
  const floor = f32x4.splat(logVarFloor);
  const c = f32x4.splat(constant);
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32;
    const xRow = x + rowBytes;
    const meanRow = mean + rowOffset(meanPerElement, r, cols);
    const logVarRow = logVar + rowOffset(logVarPerElement, r, cols);
    const outRow = out + (elementwise != 0 ? rowBytes : <usize>r * F32);
    let acc = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      acc = forwardStep(xRow, meanRow, logVarRow, outRow, <usize>j * F32, floor, c, elementwise, acc, 4);
    }
    for (; j < cols; j++) {
      acc = forwardStep(xRow, meanRow, logVarRow, outRow, <usize>j * F32, floor, c, elementwise, acc, 1);
    }
    if (elementwise == 0) store<f32>(outRow, sumLanes(acc));
  }
}

/** log p of `lanes` elements at byte offset `o`: stored element-wise, or added to the row's sum. */
// @ts-ignore: decorator
@inline function forwardStep(
  xRow: usize, meanRow: usize, logVarRow: usize, outRow: usize, o: usize, floor: v128, c: v128,
  elementwise: i32, acc: v128, lanes: i32): v128 {
  const lp = logDensity(loadLanes(xRow + o, lanes), loadLanes(meanRow + o, lanes),
    loadLanes(logVarRow + o, lanes), floor, c);
  if (elementwise != 0) {
    storeLanes(outRow + o, lp, lanes);
    return acc;
  }
  return f32x4.add(acc, validLanes(lp, lanes));
}

/**
 * Gradient for upstream `dy` (one value per row, or per element when `elementwise`). dMean and dLogVar
 * have the layout of mean and logVar: per-feature gradients are summed over the rows here.
 */
export function probGaussianLogLikelihoodGrad(
  x: usize, mean: usize, meanPerElement: i32, logVar: usize, logVarPerElement: i32, dy: usize,
  elementwise: i32, dx: usize, dMean: usize, dLogVar: usize, rows: i32, cols: i32, logVarFloor: f32): void {
  if (meanPerElement == 0) memory.fill(dMean, 0, <usize>cols * F32);
  if (logVarPerElement == 0) memory.fill(dLogVar, 0, <usize>cols * F32);
  const floor = f32x4.splat(logVarFloor);
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32;
    const meanOffset = rowOffset(meanPerElement, r, cols);
    const logVarOffset = rowOffset(logVarPerElement, r, cols);
    const gRow = f32x4.splat(elementwise != 0 ? 0 : load<f32>(dy + <usize>r * F32));
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = <usize>j * F32;
      const g = elementwise != 0 ? v128.load(dy + rowBytes + o) : gRow;
      gradStep(x + rowBytes + o, mean + meanOffset + o, logVar + logVarOffset + o, g, floor,
        dx + rowBytes + o, dMean + meanOffset + o, meanPerElement, dLogVar + logVarOffset + o, logVarPerElement, 4);
    }
    for (; j < cols; j++) {
      const o = <usize>j * F32;
      const g = elementwise != 0 ? f32x4.splat(load<f32>(dy + rowBytes + o)) : gRow;
      gradStep(x + rowBytes + o, mean + meanOffset + o, logVar + logVarOffset + o, g, floor,
        dx + rowBytes + o, dMean + meanOffset + o, meanPerElement, dLogVar + logVarOffset + o, logVarPerElement, 1);
    }
  }
}

/** Gradients of `lanes` (4, or 1 for a tail element) consecutive elements. */
// @ts-ignore: decorator
@inline function gradStep(
  x: usize, mean: usize, logVar: usize, g: v128, floor: v128,
  dx: usize, dMean: usize, meanPerElement: i32, dLogVar: usize, logVarPerElement: i32, lanes: i32): void {
  const lv = loadLanes(logVar, lanes);
  const v = f32x4.pmax(lv, floor);
  const w = expV(f32x4.mul(v, f32x4.splat(-0.5)));
  const z = f32x4.mul(f32x4.sub(loadLanes(x, lanes), loadLanes(mean, lanes)), w);
  const gMean = f32x4.mul(f32x4.mul(z, w), g);
  // Multiplying by the 0/1 mask (not selecting) keeps NaN gradients NaN, as tf.maximum's gradient does.
  const aboveFloor = v128.and(f32x4.ge(lv, floor), f32x4.splat(1.0));
  const gLogVar = f32x4.mul(f32x4.mul(f32x4.mul(f32x4.sub(f32x4.mul(z, z), f32x4.splat(1.0)),
    f32x4.splat(0.5)), g), aboveFloor);
  storeLanes(dx, f32x4.neg(gMean), lanes);
  storeOrAccumulate(dMean, gMean, meanPerElement, lanes);
  storeOrAccumulate(dLogVar, gLogVar, logVarPerElement, lanes);
}
