// Sigmoid cross-entropy from stock tfjs ops: max(x, 0) − x·z + log1p(exp(−|x|)). The gradient is given
// explicitly (sigmoid(x) − z and −x): differentiating relu and abs would get x = 0 wrong (0 − z, not ½ − z).
import { abs, add, customGrad, exp, log1p, mul, neg, relu, sigmoid, sub, type Tensor } from '@tensorflow/tfjs-core';

type CustomGradientFunc = Parameters<typeof customGrad>[0];

export const sigmoidCrossEntropyWithLogitsComposite = customGrad(((
  labels: Tensor,
  logits: Tensor,
  save: (tensors: Tensor[]) => void,
) => {
  save([labels, logits]);
  const value = add(sub(relu(logits), mul(logits, labels)), log1p(exp(neg(abs(logits)))));
  const gradFunc = (dy: Tensor, saved: Tensor[]) => {
    const [z, x] = saved;
    return [mul(neg(x), dy), mul(sub(sigmoid(x), z), dy)];
  };
  return { value, gradFunc };
}) as unknown as CustomGradientFunc) as (labels: Tensor, logits: Tensor) => Tensor;
