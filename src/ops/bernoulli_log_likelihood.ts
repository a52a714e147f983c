import { type Tensor, tidy } from '@tensorflow/tfjs-core';
import { BernoulliLogLikelihood } from '../kernel_names/prob.js';
import { bernoulliLogLikelihoodComposite } from './composite/bernoulli_log_likelihood.js';
import {
  assertMinRank,
  assertSameShape,
  bufferForGradient,
  floatInput,
  hasFusedKernel,
  runFused,
  type TensorOrLike,
} from './prob_util.js';

const OP = 'bernoulliLogLikelihood';

export interface BernoulliLogLikelihoodOptions {
  /** 'sum' (default) sums over the last axis; 'none' returns one log-probability per element. */
  reduction?: 'sum' | 'none';
}

/**
 * log p(x | logits) of a Bernoulli with success probability sigmoid(logits): x·l − softplus(l), in the stable
 * form −[max(l, 0) − x·l + log1p(exp(−|l|))] (the negated sigmoid cross-entropy), summed over the last axis
 * (shape: x's without its last axis) unless `reduction: 'none'`. x and logits have the same shape; x is usually
 * 0 or 1, but any value in [0, 1] (a soft target) works. One fused kernel each way on 'simd'.
 */
export function bernoulliLogLikelihood(
  x: TensorOrLike,
  logits: TensorOrLike,
  options: BernoulliLogLikelihoodOptions = {},
): Tensor {
  const elementwise = isElementwise(options);
  return tidy(() => {
    const $x = floatInput(x, 'x', OP);
    const $logits = floatInput(logits, 'logits', OP);
    assertMinRank(OP, 'x', $x, 1);
    assertSameShape(OP, 'x', $x, 'logits', $logits);
    if (!hasFusedKernel(BernoulliLogLikelihood)) return bernoulliLogLikelihoodComposite($x, $logits, elementwise);
    const inputs = { x: $x, logits: $logits, ...bufferForGradient('expNegAbs', $logits, $x.shape) };
    return runFused(BernoulliLogLikelihood, inputs, { elementwise });
  });
}

function isElementwise({ reduction = 'sum' }: BernoulliLogLikelihoodOptions): boolean {
  if (reduction !== 'sum' && reduction !== 'none') {
    throw new Error(`${OP}: options.reduction must be 'sum' or 'none', got '${reduction}'.`);
  }
  return reduction === 'none';
}
