import { AvgPool3D, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { type Pool3DAttrs, pool3d } from './pool3d.js';

/** y = the mean of each 3-D window's pixels inside the input, as tfjs-backend-cpu computes it (float64 sums). */
export function avgPool3D(args: {
  inputs: { x?: TensorInfo; dy?: TensorInfo; input?: TensorInfo };
  attrs: Pool3DAttrs;
  backend: SimdBackend;
}): TensorInfo {
  return pool3d('avg', AvgPool3D, args);
}

export const avgPool3DConfig: KernelConfig = {
  kernelName: AvgPool3D,
  backendName: 'simd',
  kernelFunc: avgPool3D as unknown as KernelFunc,
};
