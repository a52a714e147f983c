import { engine, GradConfig, Tensor } from '@tensorflow/tfjs-core';
import { KlStandardNormal, KlStandardNormalGrad } from '../../kernels/util/prob_kernel_names.js';

export const klStandardNormalGradConfig: GradConfig = {
  kernelName: KlStandardNormal,
  inputsToSave: ['mean', 'logVar'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
    const [mean, logVar] = saved;
    const [dMean, dLogVar] = engine().runKernel(
      KlStandardNormalGrad, { dy: dy as Tensor, mean, logVar }) as Tensor[];
    return { mean: () => dMean, logVar: () => dLogVar };
  },
};
