import { type KernelConfig, type KernelFunc, MaxPool3DGrad, type TensorInfo } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { type Pool3DAttrs, pool3d } from './pool3d.js';

/** dx of MaxPool3D: each dy value to where tfjs-backend-cpu records its window's maximum. */
export function maxPool3DGrad(args: {
  inputs: { x?: TensorInfo; dy?: TensorInfo; input?: TensorInfo };
  attrs: Pool3DAttrs;
  backend: SimdBackend;
}): TensorInfo {
  return pool3d('maxGrad', MaxPool3DGrad, args);
}

export const maxPool3DGradConfig: KernelConfig = {
  kernelName: MaxPool3DGrad,
  backendName: 'simd',
  kernelFunc: maxPool3DGrad as unknown as KernelFunc,
};
