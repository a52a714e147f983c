import {
  type KernelConfig,
  type KernelFunc,
  NonMaxSuppressionV3,
  type NonMaxSuppressionV3Attrs,
  type NonMaxSuppressionV3Inputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { nonMaxSuppression, suppressionOnCpu } from './non_max_suppression.js';

/** Indices of the boxes kept by greedy non-max suppression, best score first. */
export function nonMaxSuppressionV3(args: KernelArgs<NonMaxSuppressionV3Inputs, NonMaxSuppressionV3Attrs>): TensorInfo {
  const {
    inputs: { boxes, scores },
    attrs,
    backend,
  } = args;
  const onCpu = suppressionOnCpu(NonMaxSuppressionV3, boxes, scores, args);
  if (onCpu != null) return onCpu as TensorInfo;
  return nonMaxSuppression(backend, boxes, scores, {
    ...attrs,
    softNmsSigma: 0,
    padToMaxOutputSize: false,
    withScores: false,
  }).indices;
}

export const nonMaxSuppressionV3Config: KernelConfig = {
  kernelName: NonMaxSuppressionV3,
  backendName: 'simd',
  kernelFunc: nonMaxSuppressionV3 as unknown as KernelFunc,
};
