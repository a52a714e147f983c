import {
  type KernelConfig,
  type KernelFunc,
  ResizeBilinear,
  type ResizeBilinearAttrs,
  type ResizeBilinearInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { convOnCpu, floatOutput, isNativeConv } from '../conv/geometry.js';
import type { KernelArgs } from '../kernel_args.js';
import { bilinearMaps } from './resize.js';

/** Each output pixel blends its four nearest input pixels (columns first, then rows, as on the CPU). */
export function resizeBilinear(args: KernelArgs<ResizeBilinearInputs, ResizeBilinearAttrs>): TensorInfo {
  const {
    inputs: { images },
    attrs,
    backend,
  } = args;
  const {
    alignCorners,
    halfPixelCenters,
    size: [outH, outW],
  } = attrs;
  if (!isNativeConv([images])) return convOnCpu(ResizeBilinear, args);
  const [batch, inH, inW, channels] = images.shape;
  return floatOutput(backend, [batch, outH, outW, channels], (y) => {
    const { scratch, maps, extra } = bilinearMaps(
      backend,
      inH,
      inW,
      outH,
      outW,
      alignCorners,
      halfPixelCenters,
      2 * outW * channels,
    );
    try {
      backend.wasm.kernels.vision_resize_bilinear_f32(
        backend.ptr(images),
        y,
        batch,
        inH,
        inW,
        channels,
        outH,
        outW,
        maps,
        extra,
      );
    } finally {
      backend.disposeIntermediateTensorInfo(scratch);
    }
  });
}

export const resizeBilinearConfig: KernelConfig = {
  kernelName: ResizeBilinear,
  backendName: 'simd',
  kernelFunc: resizeBilinear as unknown as KernelFunc,
};
