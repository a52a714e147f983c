import {
  type KernelConfig,
  type KernelFunc,
  SparseSegmentMean,
  type SparseSegmentMeanInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { sparseSegmentReduction } from './sparse_segment.js';

export function sparseSegmentMean(args: KernelArgs<SparseSegmentMeanInputs, NoAttrs>): TensorInfo {
  return sparseSegmentReduction(SparseSegmentMean, args, true);
}

export const sparseSegmentMeanConfig: KernelConfig = {
  kernelName: SparseSegmentMean,
  backendName: 'simd',
  kernelFunc: sparseSegmentMean as unknown as KernelFunc,
};
