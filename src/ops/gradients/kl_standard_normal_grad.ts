import { engine, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';
import { KlStandardNormal, KlStandardNormalGrad } from '../../kernel_names/prob.js';

/** The backward kernel reads exp(logVar) from the forward kernel's `variance` input (passed under a tape). */
export const klStandardNormalGradConfig: GradConfig = {
  kernelName: KlStandardNormal,
  inputsToSave: ['mean', 'logVar', 'variance'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
    const [mean, logVar, variance] = saved;
    const [dMean, dLogVar] = engine().runKernel(KlStandardNormalGrad, {
      dy: dy as Tensor,
      mean,
      logVar,
      variance,
    }) as Tensor[];
    return { mean: () => dMean, logVar: () => dLogVar };
  },
};
