import type { TensorInfo } from '@tensorflow/tfjs-core';
import { MeanPairwiseSquaredError, type MeanPairwiseSquaredErrorInputs } from '../../kernel_names/prob.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { floatOutput, probKernelConfig } from './layout.js';

/** Σ_b w_b · mean over pairs of ((pᵢ − pⱼ) − (lᵢ − lⱼ))² of batch item b, as a scalar. */
export function meanPairwiseSquaredError({
  inputs: { labels, predictions, weights },
  backend,
}: KernelArgs<MeanPairwiseSquaredErrorInputs, NoAttrs>): TensorInfo {
  const [rows, cols] = labels.shape;
  const out = floatOutput(backend, []);
  backend.wasm.kernels.prob_mean_pairwise_squared_error_f32(
    backend.ptr(labels),
    backend.ptr(predictions),
    backend.ptr(weights),
    backend.ptr(out),
    rows,
    cols,
  );
  return out;
}

export const meanPairwiseSquaredErrorConfig = probKernelConfig(MeanPairwiseSquaredError, meanPairwiseSquaredError);
