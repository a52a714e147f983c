import { AvgPool, AvgPoolAttrs, AvgPoolInputs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { pool2d } from './pool.js';
import type { KernelArgs } from '../kernel_args.js';

/** y = the mean of each window's pixels inside the image, vectorised over channels. */
export function avgPool(args: KernelArgs<AvgPoolInputs, AvgPoolAttrs>): TensorInfo {
  return pool2d(AvgPool, 'avgPool', 'conv_avg_pool_f32', args);
}

export const avgPoolConfig: KernelConfig = {
  kernelName: AvgPool,
  backendName: 'simd',
  kernelFunc: avgPool as unknown as KernelFunc,
};
