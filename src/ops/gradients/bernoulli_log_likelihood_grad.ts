import { engine, type GradConfig, type NamedAttrMap, type Tensor } from '@tensorflow/tfjs-core';
import { BernoulliLogLikelihood, BernoulliLogLikelihoodGrad } from '../../kernel_names/prob.js';

/**
 * Both input gradients come from one run of the fused backward kernel, which reads the exp(−|logits|) the
 * forward kernel left in its `expNegAbs` input (the op passes that buffer whenever a tape records).
 */
export const bernoulliLogLikelihoodGradConfig: GradConfig = {
  kernelName: BernoulliLogLikelihood,
  inputsToSave: ['x', 'logits', 'expNegAbs'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [x, logits, expNegAbs] = saved;
    const [dx, dLogits] = engine().runKernel(
      BernoulliLogLikelihoodGrad,
      { dy: dy as Tensor, x, logits, expNegAbs },
      attrs,
    ) as Tensor[];
    return { x: () => dx, logits: () => dLogits };
  },
};
