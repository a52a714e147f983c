// Softmax cross-entropy from stock tfjs ops along any axis: −Σ z·((x − max) − log Σ exp(x − max)).
import { exp, log, max, mul, neg, sub, sum, type Tensor } from '@tensorflow/tfjs-core';

export function softmaxCrossEntropyWithLogitsComposite(labels: Tensor, logits: Tensor, axis: number): Tensor {
  const shifted = sub(logits, max(logits, axis, true));
  const logSoftmax = sub(shifted, log(sum(exp(shifted), axis, true)));
  return neg(sum(mul(labels, logSoftmax), axis));
}
