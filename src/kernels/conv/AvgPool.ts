import {
  AvgPool,
  type AvgPoolAttrs,
  type AvgPoolInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { pool2d } from './pool.js';

/** y = the mean of each window's pixels inside the image, vectorised over channels. */
export function avgPool(args: KernelArgs<AvgPoolInputs, AvgPoolAttrs>): TensorInfo {
  return pool2d(AvgPool, 'avgPool', 'conv_avg_pool_f32', args);
}

export const avgPoolConfig: KernelConfig = {
  kernelName: AvgPool,
  backendName: 'simd',
  kernelFunc: avgPool as unknown as KernelFunc,
};
