import {
  type KernelConfig,
  type KernelFunc,
  ResizeNearestNeighborGrad,
  type ResizeNearestNeighborGradAttrs,
  type ResizeNearestNeighborGradInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { convOnCpu, floatOutput, isNativeConv } from '../conv/geometry.js';
import type { KernelArgs } from '../kernel_args.js';
import { axisScale, nearestSource, sourceMaps } from './resize_maps.js';
import { type ResizeShape, resizeNearestByImages } from './resize_threads.js';

/**
 * The input pixel the CPU gradient credits with dy index `o` along one axis, or -1: it ignores half-pixel
 * centres, and it only looks for dy indices in a window around each input index.
 */
function gradientSource(o: number, scale: number, inSize: number, alignCorners: boolean): number {
  const source = nearestSource(o, scale, inSize, alignCorners, false);
  const inverse = 1 / scale;
  const window = Math.ceil(inverse) * 2 + 2;
  const first = Math.floor(Math.floor(source * inverse) - window / 2);
  return o >= first && o < first + window ? source : -1;
}

/** dx: every dy pixel added onto the input pixel it was copied from (UpSampling2D's backward pass). */
export function resizeNearestNeighborGrad(
  args: KernelArgs<ResizeNearestNeighborGradInputs, ResizeNearestNeighborGradAttrs>,
): TensorInfo {
  const {
    inputs: { images, dy },
    attrs: { alignCorners },
    backend,
  } = args;
  if (!isNativeConv([images, dy])) return convOnCpu(ResizeNearestNeighborGrad, args);
  const [batch, inH, inW, channels] = images.shape;
  const [, outH, outW] = dy.shape;
  const rowScale = axisScale(inH, outH, alignCorners);
  const colScale = axisScale(inW, outW, alignCorners);
  const rowSources = Array.from({ length: outH }, (_, r) => gradientSource(r, rowScale, inH, alignCorners));
  const colSources = Array.from({ length: outW }, (_, c) => gradientSource(c, colScale, inW, alignCorners));
  return floatOutput(backend, images.shape, (dx) => {
    const maps = sourceMaps(backend, rowSources, colSources);
    // Threads: runs of whole images (resize_threads.ts).
    const shape: ResizeShape = [batch, inH, inW, channels, outH, outW];
    resizeNearestByImages(
      backend.wasm,
      backend.threadPool,
      'vision_resize_nearest_backprop_f32',
      backend.ptr(dy),
      dx,
      shape,
      maps.rows,
      maps.cols,
    );
    backend.disposeIntermediateTensorInfo(maps.scratch);
  });
}

export const resizeNearestNeighborGradConfig: KernelConfig = {
  kernelName: ResizeNearestNeighborGrad,
  backendName: 'simd',
  kernelFunc: resizeNearestNeighborGrad as unknown as KernelFunc,
};
