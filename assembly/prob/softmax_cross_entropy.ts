// Softmax cross-entropy with logits over the last axis, per row of `cols` classes:
//   loss = −Σ z·logSoftmax(x),  logSoftmax(x)ᵢ = (xᵢ − max) − log Σ exp(x − max)
// and its gradient: ∂/∂xᵢ = Σz·softmaxᵢ − zᵢ,  ∂/∂zᵢ = −logSoftmax(x)ᵢ (times the row's upstream value).
// Working with x − max keeps every exp in (0, 1] and avoids cancelling two large numbers.
import { expV } from '../math/exp';
import { logV } from '../math/log';
import { maxLanes, sumLanes } from '../simd/horizontal';
import { F32_BYTES, loadLanes, storeLanes, validLanes } from '../simd/lanes';

/** Largest logit of a row (NaN if any is NaN). */
function rowMax(row: usize, cols: i32): f32 {
  let m = f32x4.splat(-Infinity);
  let j = 0;
  for (; j + 4 <= cols; j += 4) m = f32x4.max(m, v128.load(row + <usize>j * F32_BYTES));
  let result = maxLanes(m);
  for (; j < cols; j++) result = max(result, load<f32>(row + <usize>j * F32_BYTES));
  return result;
}

/** log Σ exp(x − max) of a row. */
function rowLogSumExpShifted(row: usize, cols: i32, rowMaxValue: v128): f32 {
  let acc = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= cols; j += 4) acc = f32x4.add(acc, expV(f32x4.sub(v128.load(row + <usize>j * F32_BYTES), rowMaxValue)));
  for (; j < cols; j++) {
    acc = f32x4.add(acc, validLanes(expV(f32x4.sub(loadLanes(row + <usize>j * F32_BYTES, 1), rowMaxValue)), 1));
  }
  return f32x4.extract_lane(logV(f32x4.splat(sumLanes(acc))), 0);
}

/** −logSoftmax for `lanes` logits: (max − x) + log Σ exp(x − max). */
// @ts-ignore: decorator
@inline function negLogSoftmax(x: v128, rowMaxValue: v128, logSum: v128): v128 {
  return f32x4.add(f32x4.sub(rowMaxValue, x), logSum);
}

export function prob_softmax_cross_entropy_f32(labels: usize, logits: usize, out: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32_BYTES;
    let total: f32 = 0;
    if (cols > 0) {
      const m = f32x4.splat(rowMax(logits + rowBytes, cols));
      const logSum = f32x4.splat(rowLogSumExpShifted(logits + rowBytes, cols, m));
      let acc = f32x4.splat(0);
      let j = 0;
      for (; j + 4 <= cols; j += 4) {
        const o = rowBytes + <usize>j * F32_BYTES;
        acc = f32x4.add(acc, f32x4.mul(v128.load(labels + o), negLogSoftmax(v128.load(logits + o), m, logSum)));
      }
      for (; j < cols; j++) {
        const o = rowBytes + <usize>j * F32_BYTES;
        acc = f32x4.add(acc, validLanes(
          f32x4.mul(loadLanes(labels + o, 1), negLogSoftmax(loadLanes(logits + o, 1), m, logSum)), 1));
      }
      total = sumLanes(acc);
    }
    store<f32>(out + <usize>r * F32_BYTES, total);
  }
}

/** Gradient for one upstream value per row. */
export function prob_softmax_cross_entropy_grad_f32(
  labels: usize, logits: usize, dy: usize, dLabels: usize, dLogits: usize, rows: i32, cols: i32): void {
  if (cols == 0) return;
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32_BYTES;
    const m = f32x4.splat(rowMax(logits + rowBytes, cols));
    const logSum = f32x4.splat(rowLogSumExpShifted(logits + rowBytes, cols, m));
    const g = f32x4.splat(load<f32>(dy + <usize>r * F32_BYTES));
    const labelSum = f32x4.splat(rowSum(labels + rowBytes, cols));
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      gradStep(labels + rowBytes, logits + rowBytes, dLabels + rowBytes, dLogits + rowBytes, <usize>j * F32_BYTES,
        m, logSum, labelSum, g, 4);
    }
    for (; j < cols; j++) {
      gradStep(labels + rowBytes, logits + rowBytes, dLabels + rowBytes, dLogits + rowBytes, <usize>j * F32_BYTES,
        m, logSum, labelSum, g, 1);
    }
  }
}

// @ts-ignore: decorator
@inline function gradStep(
  labelsRow: usize, logitsRow: usize, dLabelsRow: usize, dLogitsRow: usize, o: usize,
  m: v128, logSum: v128, labelSum: v128, g: v128, lanes: i32): void {
  const z = loadLanes(labelsRow + o, lanes);
  const nls = negLogSoftmax(loadLanes(logitsRow + o, lanes), m, logSum);
  const softmax = expV(f32x4.neg(nls));
  storeLanes(dLogitsRow + o, f32x4.mul(f32x4.sub(f32x4.mul(labelSum, softmax), z), g), lanes);
  storeLanes(dLabelsRow + o, f32x4.mul(nls, g), lanes);
}

function rowSum(row: usize, cols: i32): f32 {
  let acc = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= cols; j += 4) acc = f32x4.add(acc, v128.load(row + <usize>j * F32_BYTES));
  let total = sumLanes(acc);
  for (; j < cols; j++) total += load<f32>(row + <usize>j * F32_BYTES);
  return total;
}
