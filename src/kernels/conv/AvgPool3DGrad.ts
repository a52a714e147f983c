import { AvgPool3DGrad, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { type Pool3DAttrs, pool3d } from './pool3d.js';

/** dx of AvgPool3D: each dy value spread over its window, divided by the window's size. */
export function avgPool3DGrad(args: {
  inputs: { x?: TensorInfo; dy?: TensorInfo; input?: TensorInfo };
  attrs: Pool3DAttrs;
  backend: SimdBackend;
}): TensorInfo {
  return pool3d('avgGrad', AvgPool3DGrad, args);
}

export const avgPool3DGradConfig: KernelConfig = {
  kernelName: AvgPool3DGrad,
  backendName: 'simd',
  kernelFunc: avgPool3DGrad as unknown as KernelFunc,
};
