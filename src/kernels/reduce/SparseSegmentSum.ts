import {
  type KernelConfig,
  type KernelFunc,
  SparseSegmentSum,
  type SparseSegmentSumInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { sparseSegmentReduction } from './sparse_segment.js';

export function sparseSegmentSum(args: KernelArgs<SparseSegmentSumInputs, NoAttrs>): TensorInfo {
  return sparseSegmentReduction(SparseSegmentSum, args, false);
}

export const sparseSegmentSumConfig: KernelConfig = {
  kernelName: SparseSegmentSum,
  backendName: 'simd',
  kernelFunc: sparseSegmentSum as unknown as KernelFunc,
};
