import { backend_util, type Tensor, tidy, transpose, util } from '@tensorflow/tfjs-core';
import { SoftmaxCrossEntropyWithLogits } from '../kernel_names/prob.js';
import { softmaxCrossEntropyWithLogitsComposite } from './composite/softmax_cross_entropy_with_logits.js';
import {
  assertMinRank,
  assertSameShape,
  floatInput,
  hasFusedKernel,
  runFused,
  type TensorOrLike,
} from './prob_util.js';

const OP = 'softmaxCrossEntropyWithLogits';

/**
 * −Σ labels·logSoftmax(logits) along `axis` (default the last), computed with log-sum-exp so that large
 * logits neither overflow nor cancel. labels and logits have the same shape; the result drops `axis`.
 */
export function softmaxCrossEntropyWithLogits(labels: TensorOrLike, logits: TensorOrLike, axis = -1): Tensor {
  return tidy(() => {
    const $labels = floatInput(labels, 'labels', OP);
    const $logits = floatInput(logits, 'logits', OP);
    assertSameShape(OP, 'labels', $labels, 'logits', $logits);
    assertMinRank(OP, 'logits', $logits, 1);
    if (!Number.isInteger(axis) || axis < -$logits.rank || axis >= $logits.rank) {
      throw new Error(`${OP}: axis ${axis} is out of range for logits of rank ${$logits.rank}.`);
    }
    const [classAxis] = util.parseAxisParam(axis, $logits.shape);
    if (!hasFusedKernel(SoftmaxCrossEntropyWithLogits)) {
      return softmaxCrossEntropyWithLogitsComposite($labels, $logits, classAxis);
    }
    // The kernel works on the last axis: move the class axis there (the other axes keep their order).
    const perm = backend_util.getAxesPermutation([classAxis], $logits.rank);
    const last = (t: Tensor) => (perm == null ? t : transpose(t, perm));
    return runFused(SoftmaxCrossEntropyWithLogits, { labels: last($labels), logits: last($logits) });
  });
}
