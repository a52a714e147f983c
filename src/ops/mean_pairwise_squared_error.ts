import { broadcastTo, reshape, type Tensor, tidy } from '@tensorflow/tfjs-core';
import { MeanPairwiseSquaredError } from '../kernel_names/prob.js';
import { meanPairwiseSquaredErrorComposite } from './composite/mean_pairwise_squared_error.js';
import {
  assertMinRank,
  assertSameShape,
  floatInput,
  formatShape,
  hasFusedKernel,
  reshapeIfNeeded,
  runFused,
  type TensorOrLike,
} from './prob_util.js';

const OP = 'meanPairwiseSquaredError';

/**
 * TensorFlow's tf.losses.mean_pairwise_squared_error: for each batch item b (first axis) with diffs
 * d = predictions − labels over its n other elements, the mean over the n(n−1)/2 pairs i < j of (dᵢ − dⱼ)²;
 * the result is the scalar Σ_b w_b·loss_b. Items with weight 0, or with fewer than 2 elements, count 0.
 * weights: a scalar (default 1) or one weight per batch item ([batch] or [batch, 1, …]).
 * Computed in the centred form 2·Σ(d − d̄)²/(n − 1), which equals TF's formula without its cancellation.
 */
export function meanPairwiseSquaredError(
  labels: TensorOrLike,
  predictions: TensorOrLike,
  weights: TensorOrLike = 1,
): Tensor {
  return tidy(() => {
    const $labels = floatInput(labels, 'labels', OP);
    const $predictions = floatInput(predictions, 'predictions', OP);
    const $weights = floatInput(weights, 'weights', OP);
    assertSameShape(OP, 'labels', $labels, 'predictions', $predictions);
    assertMinRank(OP, 'labels', $labels, 1);
    const batch = $labels.shape[0];
    const n = batch === 0 ? 0 : $labels.size / batch;
    const perItemWeights = batchWeights($weights, batch, $labels.shape);
    const matrix = (t: Tensor) => reshapeIfNeeded(t, [batch, n]);
    if (!hasFusedKernel(MeanPairwiseSquaredError)) {
      return meanPairwiseSquaredErrorComposite(matrix($labels), matrix($predictions), perItemWeights);
    }
    return runFused(MeanPairwiseSquaredError, {
      labels: matrix($labels),
      predictions: matrix($predictions),
      weights: perItemWeights,
    });
  });
}

/** weights as one value per batch item ([batch]); a scalar is repeated. */
function batchWeights(weights: Tensor, batch: number, labelsShape: number[]): Tensor {
  if (weights.size === 1 && weights.shape.every((d) => d === 1)) {
    return broadcastTo(reshape(weights, [1]), [batch]);
  }
  const perItem =
    weights.rank >= 1 &&
    weights.rank <= labelsShape.length &&
    weights.shape[0] === batch &&
    weights.shape.slice(1).every((d) => d === 1);
  if (!perItem) {
    throw new Error(
      `${OP}: weights of shape ${formatShape(weights.shape)} must be a scalar or one weight per ` +
        `batch item ([${batch}] or [${batch},1,…]) for labels of shape ${formatShape(labelsShape)}.`,
    );
  }
  return reshapeIfNeeded(weights, [batch]);
}
