// TensorFlow's mean pairwise squared error: per batch item b with n features and diffs d = predictions − labels,
//   loss_b = Σ_{i<j} (dᵢ − dⱼ)² / C(n, 2) = 2·Σ(dᵢ − d̄)² / (n − 1),
// the centred form of TF's 2·Σd²/(n−1) − 2·(Σd)²/(n(n−1)) (no cancellation of two large sums).
// The result is Σ_b w_b·loss_b, where items with weight 0 (or fewer than 2 features) contribute 0.
// Gradient: ∂/∂predictionsᵢ = g·w_b·4·(dᵢ − d̄)/(n − 1) = −∂/∂labelsᵢ, ∂/∂w_b = g·loss_b.
import { sumLanes } from '../simd/horizontal';
import { F32_BYTES, loadLanes, storeLanes, validLanes } from '../simd/lanes';

function meanDiff(labels: usize, predictions: usize, cols: i32): f32 {
  let acc = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= cols; j += 4) {
    const o = <usize>j * F32_BYTES;
    acc = f32x4.add(acc, f32x4.sub(v128.load(predictions + o), v128.load(labels + o)));
  }
  let total = sumLanes(acc);
  for (; j < cols; j++) total += load<f32>(predictions + <usize>j * F32_BYTES) - load<f32>(labels + <usize>j * F32_BYTES);
  return total / <f32>cols;
}

function sumSquaredDeviations(labels: usize, predictions: usize, cols: i32, mean: v128): f32 {
  let acc = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= cols; j += 4) {
    const o = <usize>j * F32_BYTES;
    const dev = f32x4.sub(f32x4.sub(v128.load(predictions + o), v128.load(labels + o)), mean);
    acc = f32x4.add(acc, f32x4.mul(dev, dev));
  }
  for (; j < cols; j++) {
    const o = <usize>j * F32_BYTES;
    const dev = f32x4.sub(f32x4.sub(loadLanes(predictions + o, 1), loadLanes(labels + o, 1)), mean);
    acc = f32x4.add(acc, validLanes(f32x4.mul(dev, dev), 1));
  }
  return sumLanes(acc);
}

/** loss_b of one batch item (0 where the weight is 0 or there are fewer than two features). */
function itemLoss(labels: usize, predictions: usize, cols: i32, weight: f32): f32 {
  if (cols < 2 || weight == 0) return 0;
  const mean = f32x4.splat(meanDiff(labels, predictions, cols));
  return 2 * sumSquaredDeviations(labels, predictions, cols, mean) / <f32>(cols - 1);
}

export function prob_mean_pairwise_squared_error_f32(
  labels: usize, predictions: usize, weights: usize, out: usize, rows: i32, cols: i32): void {
  let total: f32 = 0;
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32_BYTES;
    const w = load<f32>(weights + <usize>r * F32_BYTES);
    total += w * itemLoss(labels + rowBytes, predictions + rowBytes, cols, w);
  }
  store<f32>(out, total);
}

/** Gradient for the scalar upstream value at `dy`. */
export function prob_mean_pairwise_squared_error_grad_f32(
  labels: usize, predictions: usize, weights: usize, dy: usize, dLabels: usize, dPredictions: usize,
  dWeights: usize, rows: i32, cols: i32): void {
  const g = load<f32>(dy);
  for (let r = 0; r < rows; r++) {
    const rowBytes = <usize>r * <usize>cols * F32_BYTES;
    const w = load<f32>(weights + <usize>r * F32_BYTES);
    store<f32>(dWeights + <usize>r * F32_BYTES, g * itemLoss(labels + rowBytes, predictions + rowBytes, cols, w));
    const present = cols >= 2 && w != 0;
    const scale = f32x4.splat(present ? g * w * 4 / <f32>(cols - 1) : 0);
    // An item holding ±Infinity or NaN has no defined gradient: its mean difference is not finite, and the
    // centring term −(1/n)·Σ(dⱼ − d̄), zero for finite data and left out above, is NaN. All of its entries are NaN.
    const meanValue = present ? meanDiff(labels + rowBytes, predictions + rowBytes, cols) : 0;
    const mean = f32x4.splat(isFinite(meanValue) ? meanValue : NaN);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      gradStep(labels + rowBytes, predictions + rowBytes, dLabels + rowBytes, dPredictions + rowBytes,
        <usize>j * F32_BYTES, mean, scale, present, 4);
    }
    for (; j < cols; j++) {
      gradStep(labels + rowBytes, predictions + rowBytes, dLabels + rowBytes, dPredictions + rowBytes,
        <usize>j * F32_BYTES, mean, scale, present, 1);
    }
  }
}

// @ts-ignore: decorator
@inline function gradStep(
  labelsRow: usize, predictionsRow: usize, dLabelsRow: usize, dPredictionsRow: usize, o: usize,
  mean: v128, scale: v128, present: bool, lanes: i32): void {
  let gp = f32x4.splat(0);
  if (present) {
    const dev = f32x4.sub(f32x4.sub(loadLanes(predictionsRow + o, lanes), loadLanes(labelsRow + o, lanes)), mean);
    gp = f32x4.mul(dev, scale);
  }
  storeLanes(dPredictionsRow + o, gp, lanes);
  storeLanes(dLabelsRow + o, f32x4.neg(gp), lanes);
}
