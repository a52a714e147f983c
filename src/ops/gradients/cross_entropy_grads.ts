import { engine, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';
import {
  SigmoidCrossEntropyWithLogits,
  SigmoidCrossEntropyWithLogitsGrad,
  SoftmaxCrossEntropyWithLogits,
  SoftmaxCrossEntropyWithLogitsGrad,
} from '../../kernel_names/prob.js';

/** A cross-entropy gradient config: the fused backward kernel returns [dLabels, dLogits]. */
function crossEntropyGradConfig(kernelName: string, gradKernelName: string): GradConfig {
  return {
    kernelName,
    inputsToSave: ['labels', 'logits'],
    gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
      const [labels, logits] = saved;
      const [dLabels, dLogits] = engine().runKernel(gradKernelName, { dy: dy as Tensor, labels, logits }) as Tensor[];
      return { labels: () => dLabels, logits: () => dLogits };
    },
  };
}

export const sigmoidCrossEntropyWithLogitsGradConfig = crossEntropyGradConfig(
  SigmoidCrossEntropyWithLogits,
  SigmoidCrossEntropyWithLogitsGrad,
);
export const softmaxCrossEntropyWithLogitsGradConfig = crossEntropyGradConfig(
  SoftmaxCrossEntropyWithLogits,
  SoftmaxCrossEntropyWithLogitsGrad,
);
