import { engine, type GradConfig, type NamedAttrMap, type Tensor } from '@tensorflow/tfjs-core';
import { GaussianLogLikelihood, GaussianLogLikelihoodGrad } from '../../kernel_names/prob.js';

/**
 * All three input gradients come from one run of the fused backward kernel, which reads the weights the
 * forward kernel left in its `weights` input (the op passes that buffer whenever a tape records).
 */
export const gaussianLogLikelihoodGradConfig: GradConfig = {
  kernelName: GaussianLogLikelihood,
  inputsToSave: ['x', 'mean', 'logVar', 'weights'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [x, mean, logVar, weights] = saved;
    const [dx, dMean, dLogVar] = engine().runKernel(
      GaussianLogLikelihoodGrad,
      { dy: dy as Tensor, x, mean, logVar, weights },
      attrs,
    ) as Tensor[];
    return { x: () => dx, mean: () => dMean, logVar: () => dLogVar };
  },
};
