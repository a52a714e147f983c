// The Gaussian log-likelihood from stock tfjs ops, for backends without the fused kernel. Same numerics:
// v = max(logVar, floor), z = (x − mean)·exp(−v/2), log p = −(z² + v)/2 − ½·log 2π.
import { add, exp, maximum, mul, scalar, square, sub, sum, type Tensor } from '@tensorflow/tfjs-core';

export interface GaussianLogLikelihoodSettings {
  logVarFloor: number;
  constant: number;
  elementwise: boolean;
}

export function gaussianLogLikelihoodComposite(
  x: Tensor,
  mean: Tensor,
  logVar: Tensor,
  { logVarFloor, constant, elementwise }: GaussianLogLikelihoodSettings,
): Tensor {
  const v = logVarFloor === -Infinity ? logVar : maximum(logVar, scalar(logVarFloor));
  const z = mul(sub(x, mean), exp(mul(v, scalar(-0.5))));
  const perElement = sub(mul(add(square(z), v), scalar(-0.5)), scalar(constant));
  return elementwise ? perElement : sum(perElement, -1);
}
