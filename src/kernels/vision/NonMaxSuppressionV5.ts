import {
  type KernelConfig,
  type KernelFunc,
  NonMaxSuppressionV5,
  type NonMaxSuppressionV5Attrs,
  type NonMaxSuppressionV5Inputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { nonMaxSuppression, suppressionOnCpu } from './non_max_suppression.js';

/**
 * Soft non-max suppression: an overlap below iouThreshold lowers a box's score by exp(-iou² / (2 σ)) instead of
 * dropping it. Returns the selected indices and their final scores.
 */
export function nonMaxSuppressionV5(
  args: KernelArgs<NonMaxSuppressionV5Inputs, NonMaxSuppressionV5Attrs>,
): TensorInfo[] {
  const {
    inputs: { boxes, scores },
    attrs,
    backend,
  } = args;
  const onCpu = suppressionOnCpu(NonMaxSuppressionV5, boxes, scores, args);
  if (onCpu != null) return onCpu as TensorInfo[];
  const selection = nonMaxSuppression(backend, boxes, scores, {
    ...attrs,
    padToMaxOutputSize: false,
    withScores: true,
  });
  return [selection.indices, selection.scores as TensorInfo];
}

export const nonMaxSuppressionV5Config: KernelConfig = {
  kernelName: NonMaxSuppressionV5,
  backendName: 'simd',
  kernelFunc: nonMaxSuppressionV5 as unknown as KernelFunc,
};
