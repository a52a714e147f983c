import {
  type KernelConfig,
  type KernelFunc,
  NonMaxSuppressionV4,
  type NonMaxSuppressionV4Attrs,
  type NonMaxSuppressionV4Inputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { nonMaxSuppression, suppressionOnCpu } from './non_max_suppression.js';

/** V3's selection, optionally padded with zeros to maxOutputSize, and the number of boxes selected (int32). */
export function nonMaxSuppressionV4(
  args: KernelArgs<NonMaxSuppressionV4Inputs, NonMaxSuppressionV4Attrs>,
): TensorInfo[] {
  const {
    inputs: { boxes, scores },
    attrs,
    backend,
  } = args;
  const onCpu = suppressionOnCpu(NonMaxSuppressionV4, boxes, scores, args);
  if (onCpu != null) return onCpu as TensorInfo[];
  const selection = nonMaxSuppression(backend, boxes, scores, { ...attrs, softNmsSigma: 0, withScores: false });
  const validOutputs = backend.makeOutput([], 'int32');
  backend.view(validOutputs.dataId)[0] = selection.validOutputs;
  return [selection.indices, validOutputs];
}

export const nonMaxSuppressionV4Config: KernelConfig = {
  kernelName: NonMaxSuppressionV4,
  backendName: 'simd',
  kernelFunc: nonMaxSuppressionV4 as unknown as KernelFunc,
};
