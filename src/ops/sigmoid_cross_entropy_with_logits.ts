import { type Tensor, tidy } from '@tensorflow/tfjs-core';
import { SigmoidCrossEntropyWithLogits } from '../kernel_names/prob.js';
import { sigmoidCrossEntropyWithLogitsComposite } from './composite/sigmoid_cross_entropy_with_logits.js';
import { assertSameShape, floatInput, hasFusedKernel, runFused, type TensorOrLike } from './prob_util.js';

const OP = 'sigmoidCrossEntropyWithLogits';

/**
 * Element-wise binary cross-entropy from logits, TensorFlow's argument order and stable formula:
 * max(x, 0) − x·z + log(1 + exp(−|x|)) with x = logits, z = labels (same shape).
 */
export function sigmoidCrossEntropyWithLogits(labels: TensorOrLike, logits: TensorOrLike): Tensor {
  return tidy(() => {
    const $labels = floatInput(labels, 'labels', OP);
    const $logits = floatInput(logits, 'logits', OP);
    assertSameShape(OP, 'labels', $labels, 'logits', $logits);
    if (!hasFusedKernel(SigmoidCrossEntropyWithLogits)) return sigmoidCrossEntropyWithLogitsComposite($labels, $logits);
    return runFused(SigmoidCrossEntropyWithLogits, { labels: $labels, logits: $logits });
  });
}
