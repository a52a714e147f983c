// Mean pairwise squared error from stock tfjs ops, on [batch, n] inputs and [batch] weights:
// Σ_b w_b·[w_b ≠ 0]·2·Σ(d − d̄)²/(n − 1), with d = predictions − labels (0 when n < 2).
import {
  cast,
  customGrad,
  mean,
  mul,
  notEqual,
  scalar,
  square,
  sub,
  sum,
  type Tensor,
  where,
  zerosLike,
} from '@tensorflow/tfjs-core';

type CustomGradientFunc = Parameters<typeof customGrad>[0];

/** 1 where a weight is non-zero, 0 elsewhere; a constant for differentiation (NotEqual has no gradient). */
const presentMask = customGrad(((weights: Tensor) => ({
  value: cast(notEqual(weights, scalar(0)), 'float32'),
  gradFunc: (dy: Tensor) => zerosLike(dy),
})) as unknown as CustomGradientFunc) as (weights: Tensor) => Tensor;

export function meanPairwiseSquaredErrorComposite(labels: Tensor, predictions: Tensor, weights: Tensor): Tensor {
  const n = labels.shape[1] as number;
  const d = sub(predictions, labels);
  const deviations = n === 0 ? d : sub(d, mean(d, 1, true));
  const itemLoss = mul(sum(square(deviations), 1), scalar(n >= 2 ? 2 / (n - 1) : 0));
  const presentLoss = where(cast(presentMask(weights), 'bool'), itemLoss, zerosLike(itemLoss));
  return sum(mul(weights, presentLoss));
}
