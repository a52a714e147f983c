import { engine, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';
import { MeanPairwiseSquaredError, MeanPairwiseSquaredErrorGrad } from '../../kernel_names/prob.js';

export const meanPairwiseSquaredErrorGradConfig: GradConfig = {
  kernelName: MeanPairwiseSquaredError,
  inputsToSave: ['labels', 'predictions', 'weights'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
    const [labels, predictions, weights] = saved;
    const [dLabels, dPredictions, dWeights] = engine().runKernel(MeanPairwiseSquaredErrorGrad, {
      dy: dy as Tensor,
      labels,
      predictions,
      weights,
    }) as Tensor[];
    return { labels: () => dLabels, predictions: () => dPredictions, weights: () => dWeights };
  },
};
