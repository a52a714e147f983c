import { type KernelConfig, type KernelFunc, MaxPool3D, type TensorInfo } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { type Pool3DAttrs, pool3d } from './pool3d.js';

/** y = the largest value of each 3-D window (NaN never wins), as tfjs-backend-cpu computes it. */
export function maxPool3D(args: {
  inputs: { x?: TensorInfo; dy?: TensorInfo; input?: TensorInfo };
  attrs: Pool3DAttrs;
  backend: SimdBackend;
}): TensorInfo {
  return pool3d('max', MaxPool3D, args);
}

export const maxPool3DConfig: KernelConfig = {
  kernelName: MaxPool3D,
  backendName: 'simd',
  kernelFunc: maxPool3D as unknown as KernelFunc,
};
