import {
  type KernelConfig,
  type KernelFunc,
  MaxPool,
  type MaxPoolAttrs,
  type MaxPoolInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { pool2d } from './pool.js';

/** y = the largest value of each window (first strictly greater; NaN never wins), vectorised over channels. */
export function maxPool(args: KernelArgs<MaxPoolInputs, MaxPoolAttrs>): TensorInfo {
  return pool2d(MaxPool, 'maxPool', 'conv_max_pool_f32', args);
}

export const maxPoolConfig: KernelConfig = {
  kernelName: MaxPool,
  backendName: 'simd',
  kernelFunc: maxPool as unknown as KernelFunc,
};
