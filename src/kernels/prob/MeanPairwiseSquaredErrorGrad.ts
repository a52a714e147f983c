import type { TensorInfo } from '@tensorflow/tfjs-core';
import { MeanPairwiseSquaredErrorGrad, type MeanPairwiseSquaredErrorGradInputs } from '../../kernel_names/prob.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { floatOutput, probKernelConfig } from './layout.js';

/** [dLabels, dPredictions, dWeights] of the mean pairwise squared error in one sweep. */
export function meanPairwiseSquaredErrorGrad({
  inputs: { dy, labels, predictions, weights },
  backend,
}: KernelArgs<MeanPairwiseSquaredErrorGradInputs, NoAttrs>): TensorInfo[] {
  const [rows, cols] = labels.shape;
  const dLabels = floatOutput(backend, labels.shape);
  const dPredictions = floatOutput(backend, predictions.shape);
  const dWeights = floatOutput(backend, weights.shape);
  backend.wasm.kernels.prob_mean_pairwise_squared_error_grad_f32(
    backend.ptr(labels),
    backend.ptr(predictions),
    backend.ptr(weights),
    backend.ptr(dy),
    backend.ptr(dLabels),
    backend.ptr(dPredictions),
    backend.ptr(dWeights),
    rows,
    cols,
  );
  return [dLabels, dPredictions, dWeights];
}

export const meanPairwiseSquaredErrorGradConfig = probKernelConfig(
  MeanPairwiseSquaredErrorGrad,
  meanPairwiseSquaredErrorGrad,
);
