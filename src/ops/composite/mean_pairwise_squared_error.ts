// Mean pairwise squared error from stock tfjs ops, on [batch, n] inputs and [batch] weights:
// Σ_b w_b·[w_b ≠ 0]·2·Σ(d − d̄)²/(n − 1), with d = predictions − labels (0 when n < 2).
import { mean, mul, notEqual, scalar, square, sub, sum, Tensor, where, zerosLike } from '@tensorflow/tfjs-core';

export function meanPairwiseSquaredErrorComposite(labels: Tensor, predictions: Tensor, weights: Tensor): Tensor {
  const n = labels.shape[1] as number;
  const d = sub(predictions, labels);
  const deviations = n === 0 ? d : sub(d, mean(d, 1, true));
  const itemLoss = mul(sum(square(deviations), 1), scalar(n >= 2 ? 2 / (n - 1) : 0));
  const presentLoss = where(notEqual(weights, scalar(0)), itemLoss, zerosLike(itemLoss));
  return sum(mul(weights, presentLoss));
}
