import { engine, type GradConfig, type Tensor, zerosLike } from '@tensorflow/tfjs-core';
import { Reparameterize, ReparameterizeGrad } from '../../kernel_names/prob.js';

export const reparameterizeGradConfig: GradConfig = {
  kernelName: Reparameterize,
  inputsToSave: ['mean', 'logVar', 'eps'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
    const [mean, logVar, eps] = saved;
    const [dMean, dLogVar] = engine().runKernel(ReparameterizeGrad, {
      dy: dy as Tensor,
      mean,
      logVar,
      eps,
    }) as Tensor[];
    // ε is drawn inside the op and never a function of a variable; its gradient is only for completeness.
    return { mean: () => dMean, logVar: () => dLogVar, eps: () => zerosLike(eps) };
  },
};
