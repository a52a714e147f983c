import {
  KernelConfig, KernelFunc, NonMaxSuppressionV3, NonMaxSuppressionV3Attrs, NonMaxSuppressionV3Inputs, TensorInfo,
} from '@tensorflow/tfjs-core';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import type { KernelArgs } from '../kernel_args.js';
import { nonMaxSuppression } from './non_max_suppression.js';

/** Indices of the boxes kept by greedy non-max suppression, best score first. */
export function nonMaxSuppressionV3(args: KernelArgs<NonMaxSuppressionV3Inputs, NonMaxSuppressionV3Attrs>): TensorInfo {
  const { inputs: { boxes, scores }, attrs, backend } = args;
  if (boxes.dtype !== 'float32' || scores.dtype !== 'float32') {
    return runOnCpu(NonMaxSuppressionV3, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  const selection = nonMaxSuppression(backend, boxes, scores,
    { ...attrs, softNmsSigma: 0, padToMaxOutputSize: false });
  backend.disposeIntermediateTensorInfo(selection.scores);
  return selection.indices;
}

export const nonMaxSuppressionV3Config: KernelConfig = {
  kernelName: NonMaxSuppressionV3,
  backendName: 'simd',
  kernelFunc: nonMaxSuppressionV3 as unknown as KernelFunc,
};
