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

/** Gradient for one upstream value per row; per-feature gradients are summed over the rows. */
export function probKlStandardNormalGrad(
  mean: usize, meanPerElement: i32, logVar: usize, logVarPerElement: i32, dy: usize,
  dMean: usize, dLogVar: usize, rows: i32, cols: i32): void {
  if (meanPerElement == 0) memory.fill(dMean, 0, <usize>cols * F32);
  if (logVarPerElement == 0) memory.fill(dLogVar, 0, <usize>cols * F32);
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

// @ts-ignore: decorator
@inline function gradStep(
  meanRow: usize, logVarRow: usize, dMeanRow: usize, dLogVarRow: usize, o: usize, g: v128,
  meanPerElement: i32, logVarPerElement: i32, lanes: i32): void {
  const m = loadLanes(meanRow + o, lanes);
  const lv = loadLanes(logVarRow + o, lanes);
  storeOrAccumulate(dMeanRow + o, f32x4.mul(m, g), meanPerElement, lanes);
  const gLogVar = f32x4.mul(f32x4.mul(f32x4.sub(expV(lv), f32x4.splat(1.0)), f32x4.splat(0.5)), g);
  storeOrAccumulate(dLogVarRow + o, gLogVar, logVarPerElement, lanes);
}
