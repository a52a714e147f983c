// Reparameterised sample z = mean + exp(½·logVar)·ε for a given standard-normal ε, and its gradient:
// ∂z/∂mean = 1, ∂z/∂logVar = ½·exp(½·logVar)·ε. mean and logVar are per element or per feature.
import { expV } from '../math/exp';
import { F32_BYTES, loadLanes, storeLanes } from '../simd/lanes';
import { rowOffset, storeOrAccumulate } from './operands';

// @ts-ignore: decorator
@inline function stdDev(logVar: v128): v128 {
  return expV(f32x4.mul(logVar, f32x4.splat(0.5)));
}

export function prob_reparameterize_f32(
  mean: usize, meanPerElement: i32, logVar: usize, logVarPerElement: i32, eps: usize, out: usize,
  rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32_BYTES;
    const meanRow = mean + rowOffset(meanPerElement, r, cols);
    const logVarRow = logVar + rowOffset(logVarPerElement, r, cols);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = <usize>j * F32_BYTES;
      const z = f32x4.add(v128.load(meanRow + o), f32x4.mul(stdDev(v128.load(logVarRow + o)), v128.load(eps + rowBytes + o)));
      v128.store(out + rowBytes + o, z);
    }
    for (; j < cols; j++) {
      const o = <usize>j * F32_BYTES;
      const z = f32x4.add(loadLanes(meanRow + o, 1),
        f32x4.mul(stdDev(loadLanes(logVarRow + o, 1)), loadLanes(eps + rowBytes + o, 1)));
      storeLanes(out + rowBytes + o, z, 1);
    }
  }
}

/**
 * Gradient for upstream dz (per element); per-feature gradients are summed over the rows. A per-feature logVar's
 * gradient is ½·exp(½·logVar)·Σ_r ε·dz, the factor applied once after the sum: multiplying first would turn
 * logVar = +Infinity with terms of both signs into NaN where the factored form (and the composite) is ±Infinity.
 */
export function prob_reparameterize_grad_f32(
  meanPerElement: i32, logVar: usize, logVarPerElement: i32, eps: usize, dz: usize,
  dMean: usize, dLogVar: usize, rows: i32, cols: i32): void {
  if (meanPerElement == 0) memory.fill(dMean, 0, <usize>cols * F32_BYTES);
  if (logVarPerElement == 0) memory.fill(dLogVar, 0, <usize>cols * F32_BYTES);
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32_BYTES;
    const meanOffset = rowOffset(meanPerElement, r, cols);
    const logVarOffset = rowOffset(logVarPerElement, r, cols);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      gradStep(logVar + logVarOffset, eps + rowBytes, dz + rowBytes, dMean + meanOffset, dLogVar + logVarOffset,
        <usize>j * F32_BYTES, meanPerElement, logVarPerElement, 4);
    }
    for (; j < cols; j++) {
      gradStep(logVar + logVarOffset, eps + rowBytes, dz + rowBytes, dMean + meanOffset, dLogVar + logVarOffset,
        <usize>j * F32_BYTES, meanPerElement, logVarPerElement, 1);
    }
  }
  if (logVarPerElement == 0) scaleByHalfStdDev(logVar, dLogVar, cols);
}

/** dLogVar[j] *= ½·exp(½·logVar[j]). */
function scaleByHalfStdDev(logVar: usize, dLogVar: usize, cols: i32): void {
  for (let j = 0; j < cols; j++) {
    const o = <usize>j * F32_BYTES;
    const factor = f32x4.mul(stdDev(loadLanes(logVar + o, 1)), f32x4.splat(0.5));
    storeLanes(dLogVar + o, f32x4.mul(loadLanes(dLogVar + o, 1), factor), 1);
  }
}

// @ts-ignore: decorator
@inline function gradStep(
  logVarRow: usize, epsRow: usize, dzRow: usize, dMeanRow: usize, dLogVarRow: usize, o: usize,
  meanPerElement: i32, logVarPerElement: i32, lanes: i32): void {
  const g = loadLanes(dzRow + o, lanes);
  storeOrAccumulate(dMeanRow + o, g, meanPerElement, lanes);
  const epsG = f32x4.mul(loadLanes(epsRow + o, lanes), g);
  if (logVarPerElement == 0) {
    storeOrAccumulate(dLogVarRow + o, epsG, 0, lanes); // Σ ε·dz; the factor comes after the sum
  } else {
    const factor = f32x4.mul(stdDev(loadLanes(logVarRow + o, lanes)), f32x4.splat(0.5));
    storeLanes(dLogVarRow + o, f32x4.mul(factor, epsG), lanes);
  }
}
