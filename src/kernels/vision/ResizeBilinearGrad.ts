import {
  type KernelConfig,
  type KernelFunc,
  ResizeBilinearGrad,
  type ResizeBilinearGradAttrs,
  type ResizeBilinearGradInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { convOnCpu, floatOutput, isNativeConv } from '../conv/geometry.js';
import type { KernelArgs } from '../kernel_args.js';
import { bilinearMaps } from './resize.js';

/**
 * dx = the adjoint of ResizeBilinear: each dy pixel added to its four source pixels with their blend weights.
 * Unlike tfjs-backend-cpu 4.22 (which ignores halfPixelCenters and returns [batch, width, height, depth]), it
 * is the gradient of the forward pass as called, of the images' shape; the two agree otherwise.
 */
export function resizeBilinearGrad(args: KernelArgs<ResizeBilinearGradInputs, ResizeBilinearGradAttrs>): TensorInfo {
  const {
    inputs: { images, dy },
    attrs,
    backend,
  } = args;
  const { alignCorners, halfPixelCenters } = attrs;
  if (!isNativeConv([images, dy])) return convOnCpu(ResizeBilinearGrad, args);
  const [batch, inH, inW, channels] = images.shape;
  const [, outH, outW] = dy.shape;
  return floatOutput(backend, images.shape, (dx) => {
    const { scratch, maps } = bilinearMaps(backend, inH, inW, outH, outW, alignCorners, halfPixelCenters ?? false, 0);
    try {
      backend.wasm.kernels.vision_resize_bilinear_backprop_f32(
        backend.ptr(dy),
        dx,
        batch,
        inH,
        inW,
        channels,
        outH,
        outW,
        maps,
      );
    } finally {
      backend.disposeIntermediateTensorInfo(scratch);
    }
  });
}

export const resizeBilinearGradConfig: KernelConfig = {
  kernelName: ResizeBilinearGrad,
  backendName: 'simd',
  kernelFunc: resizeBilinearGrad as unknown as KernelFunc,
};
