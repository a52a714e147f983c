// z = mean + exp(½·logVar)·ε from stock tfjs ops.
import { add, exp, mul, scalar, type Tensor } from '@tensorflow/tfjs-core';

export function reparameterizeComposite(mean: Tensor, logVar: Tensor, eps: Tensor): Tensor {
  return add(mean, mul(exp(mul(logVar, scalar(0.5))), eps));
}
