// The Bernoulli log-likelihood from stock tfjs ops, for backends without the fused kernel. Same numerics as the
// kernel: log p = (x − [l > 0])·l − log1p(exp(−|l|)), the product taken as 0 where x − [l > 0] is 0 (the limit
// at l = ±Infinity), and the same gradient, given explicitly: dy·(x − sigmoid(l)) and dy·l.
import {
  abs,
  cast,
  customGrad,
  equal,
  exp,
  expandDims,
  greater,
  log1p,
  mul,
  neg,
  scalar,
  sigmoid,
  sub,
  sum,
  type Tensor,
  where,
  zerosLike,
} from '@tensorflow/tfjs-core';

type CustomGradientFunc = Parameters<typeof customGrad>[0];

export function bernoulliLogLikelihoodComposite(x: Tensor, logits: Tensor, elementwise: boolean): Tensor {
  const op = customGrad(((xs: Tensor, l: Tensor, save: (tensors: Tensor[]) => void) => {
    save([xs, l]);
    const d = sub(xs, cast(greater(l, scalar(0)), 'float32'));
    const linear = where(equal(d, scalar(0)), zerosLike(d), mul(d, l));
    const perElement = sub(linear, log1p(exp(neg(abs(l)))));
    const value = elementwise ? perElement : sum(perElement, -1);
    const gradFunc = (dy: Tensor, saved: Tensor[]) => {
      const [xSaved, lSaved] = saved;
      const g = elementwise ? dy : expandDims(dy, -1);
      return [mul(g, lSaved), mul(g, sub(xSaved, sigmoid(lSaved)))];
    };
    return { value, gradFunc };
  }) as unknown as CustomGradientFunc) as (x: Tensor, logits: Tensor) => Tensor;
  return op(x, logits);
}
