// KL(N(mean, exp(logVar)) ‖ N(0, I)) summed per row, and its gradient in one sweep.
// Per element: ½·(exp(logVar) + mean² − 1 − logVar);  ∂/∂mean = mean,  ∂/∂logVar = ½·(exp(logVar) − 1).
// mean and logVar are per element (rows × cols) or per feature (cols), as flagged.
import { expV, sumLanes } from './math';
import { F32, loadLanes, rowOffset, storeOrAccumulate, validLanes } from './lanes';

// @ts-ignore: decorator
@inline function klTerm(mean: v128, logVar: v128): v128 {
  const t = f32x4.sub(f32x4.add(expV(logVar), f32x4.mul(mean, mean)), f32x4.add(logVar, f32x4.splat(1.0)));
  return f32x4.mul(t, f32x4.splat(0.5));
}

export function probKlStandardNormal(
  mean: usize, meanPerElement: i32, logVar: usize, logVarPerElement: i32, out: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const meanRow = mean + rowOffset(meanPerElement, r, cols);
    const logVarRow = logVar + rowOffset(logVarPerElement, r, cols);
    let acc = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = <usize>j * F32;
      acc = f32x4.add(acc, klTerm(v128.load(meanRow + o), v128.load(logVarRow + o)));
    }
    for (; j < cols; j++) {
      const o = <usize>j * F32;
      acc = f32x4.add(acc, validLanes(klTerm(loadLanes(meanRow + o, 1), loadLanes(logVarRow + o, 1)), 1));
    }
    store<f32>(out + <usize>r * F32, sumLanes(acc));
  }
}

/**
 * Gradient for one upstream value per row. A per-feature operand's gradient is its factor times Σ dy over the
 * rows (Σ_r dy_r·f = f·Σ_r dy_r): summing the products instead would turn f = ±Infinity with upstream values
 * of both signs into NaN where the factored form, like the composite on other backends, gives ±Infinity.
 */
export function probKlStandardNormalGrad(
  mean: usize, meanPerElement: i32, logVar: usize, logVarPerElement: i32, dy: usize,
  dMean: usize, dLogVar: usize, rows: i32, cols: i32): void {
  let dySum: f32 = 0;
  for (let r = 0; r < rows; r++) dySum += load<f32>(dy + <usize>r * F32);
  if (meanPerElement == 0) featureGrad(mean, dMean, cols, f32x4.splat(dySum), false);
  if (logVarPerElement == 0) featureGrad(logVar, dLogVar, cols, f32x4.splat(dySum), true);
  if (meanPerElement == 0 && logVarPerElement == 0) return;
  for (let r = 0; r < rows; r++) {
    const meanOffset = rowOffset(meanPerElement, r, cols);
    const logVarOffset = rowOffset(logVarPerElement, r, cols);
    const g = f32x4.splat(load<f32>(dy + <usize>r * F32));
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      gradStep(mean + meanOffset, logVar + logVarOffset, dMean + meanOffset, dLogVar + logVarOffset,
        <usize>j * F32, g, meanPerElement, logVarPerElement, 4);
    }
    for (; j < cols; j++) {
      gradStep(mean + meanOffset, logVar + logVarOffset, dMean + meanOffset, dLogVar + logVarOffset,
        <usize>j * F32, g, meanPerElement, logVarPerElement, 1);
    }
  }
}

/** ∂/∂mean = mean and ∂/∂logVar = ½·(exp(logVar) − 1), times dy. */
// @ts-ignore: decorator
@inline function elementGrad(x: v128, g: v128, isLogVar: bool): v128 {
  if (!isLogVar) return f32x4.mul(x, g);
  return f32x4.mul(f32x4.mul(f32x4.sub(expV(x), f32x4.splat(1.0)), f32x4.splat(0.5)), g);
}

/** A per-feature operand's gradient: its factor times Σ dy. */
function featureGrad(x: usize, dx: usize, cols: i32, dySum: v128, isLogVar: bool): void {
  let j = 0;
  for (; j + 4 <= cols; j += 4) v128.store(dx + <usize>j * F32, elementGrad(v128.load(x + <usize>j * F32), dySum, isLogVar));
  for (; j < cols; j++) {
    store<f32>(dx + <usize>j * F32, f32x4.extract_lane(elementGrad(loadLanes(x + <usize>j * F32, 1), dySum, isLogVar), 0));
  }
}

// @ts-ignore: decorator
@inline function gradStep(
  meanRow: usize, logVarRow: usize, dMeanRow: usize, dLogVarRow: usize, o: usize, g: v128,
  meanPerElement: i32, logVarPerElement: i32, lanes: i32): void {
  if (meanPerElement != 0) storeOrAccumulate(dMeanRow + o, elementGrad(loadLanes(meanRow + o, lanes), g, false), 1, lanes);
  if (logVarPerElement != 0) storeOrAccumulate(dLogVarRow + o, elementGrad(loadLanes(logVarRow + o, lanes), g, true), 1, lanes);
}
