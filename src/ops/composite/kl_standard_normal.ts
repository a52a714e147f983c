// KL(N(mean, exp(logVar)) ‖ N(0, I)) from stock tfjs ops: ½·Σ(exp(logVar) + mean² − 1 − logVar).
import { add, exp, mul, scalar, square, sub, sum, type Tensor } from '@tensorflow/tfjs-core';

export function klStandardNormalComposite(mean: Tensor, logVar: Tensor): Tensor {
  const perElement = sub(add(exp(logVar), square(mean)), add(logVar, scalar(1)));
  return mul(sum(perElement, -1), scalar(0.5));
}
