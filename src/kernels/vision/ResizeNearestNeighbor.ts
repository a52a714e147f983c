import {
  type KernelConfig,
  type KernelFunc,
  ResizeNearestNeighbor,
  type ResizeNearestNeighborAttrs,
  type ResizeNearestNeighborInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { convOnCpu, floatOutput, isNativeConv } from '../conv/geometry.js';
import type { KernelArgs } from '../kernel_args.js';
import { axisScale, nearestSource, sourceMaps } from './resize_maps.js';
import { type ResizeShape, resizeNearestByImages } from './resize_threads.js';

/** Each output pixel copies its nearest input pixel (UpSampling2D's forward pass). */
export function resizeNearestNeighbor(
  args: KernelArgs<ResizeNearestNeighborInputs, ResizeNearestNeighborAttrs>,
): TensorInfo {
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
  if (!isNativeConv([images])) return convOnCpu(ResizeNearestNeighbor, args);
  const [batch, inH, inW, channels] = images.shape;
  const rowScale = axisScale(inH, outH, alignCorners);
  const colScale = axisScale(inW, outW, alignCorners);
  const rowSources = Array.from({ length: outH }, (_, r) =>
    nearestSource(r, rowScale, inH, alignCorners, halfPixelCenters),
  );
  const colSources = Array.from({ length: outW }, (_, c) =>
    nearestSource(c, colScale, inW, alignCorners, halfPixelCenters),
  );
  return floatOutput(backend, [batch, outH, outW, channels], (y) => {
    const maps = sourceMaps(backend, rowSources, colSources);
    // Threads: runs of whole images (resize_threads.ts).
    const shape: ResizeShape = [batch, inH, inW, channels, outH, outW];
    resizeNearestByImages(
      backend.wasm,
      backend.threadPool,
      'vision_resize_nearest_f32',
      backend.ptr(images),
      y,
      shape,
      maps.rows,
      maps.cols,
    );
    backend.disposeIntermediateTensorInfo(maps.scratch);
  });
}

export const resizeNearestNeighborConfig: KernelConfig = {
  kernelName: ResizeNearestNeighbor,
  backendName: 'simd',
  kernelFunc: resizeNearestNeighbor as unknown as KernelFunc,
};
