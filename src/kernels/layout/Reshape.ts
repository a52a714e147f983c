import {
  type KernelConfig,
  type KernelFunc,
  Reshape,
  type ReshapeAttrs,
  type ReshapeInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';

/** A reshape shares the input's data: no copy, one more reference. The error is tfjs-backend-cpu's, word for word. */
export function reshape({
  inputs: { x },
  attrs: { shape },
  backend,
}: KernelArgs<ReshapeInputs, ReshapeAttrs>): TensorInfo {
  const size = util.sizeFromShape(x.shape);
  const newShape = util.inferFromImplicitShape(shape, size);
  util.assert(
    size === util.sizeFromShape(newShape),
    () =>
      `The new shape (${newShape}) has ${util.sizeFromShape(newShape)} elements and the old shape ` +
      `(${x.shape}) has ${size} elements. The new shape and old shape must have the same number of elements.`,
  );
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: newShape, dtype: x.dtype };
}

export const reshapeConfig: KernelConfig = {
  kernelName: Reshape,
  backendName: 'simd',
  kernelFunc: reshape as unknown as KernelFunc,
};
