import {
  BatchToSpaceND,
  type BatchToSpaceNDAttrs,
  type BatchToSpaceNDInputs,
  backend_util,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { layoutOnCpu } from './fallback.js';
import { reshape } from './Reshape.js';
import { slice } from './Slice.js';
import { transpose } from './Transpose.js';

/** The inverse of SpaceToBatchND: batch blocks moved back beside their spatial axes, then cropped; native kernels. */
export function batchToSpaceND(args: KernelArgs<BatchToSpaceNDInputs, BatchToSpaceNDAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { blockShape, crops },
    backend,
  } = args;
  if (x.dtype === 'string' || x.dtype === 'complex64') return layoutOnCpu(BatchToSpaceND, args) as TensorInfo;
  const prod = blockShape.reduce((a, b) => a * b);
  const reshapedPermuted = backend_util.getReshapedPermuted(x.shape, blockShape, prod);
  const split = reshape({
    inputs: { x },
    backend,
    attrs: { shape: backend_util.getReshaped(x.shape, blockShape, prod) },
  });
  const moved = transpose({
    inputs: { x: split },
    backend,
    attrs: { perm: backend_util.getPermuted(split.shape.length, blockShape.length) },
  });
  const merged = reshape({ inputs: { x: moved }, backend, attrs: { shape: reshapedPermuted } });
  const result = slice({
    inputs: { x: merged },
    backend,
    attrs: {
      begin: backend_util.getSliceBeginCoords(crops, blockShape.length),
      size: backend_util.getSliceSize(reshapedPermuted, crops, blockShape.length),
    },
  });
  for (const t of [split, moved, merged]) backend.disposeIntermediateTensorInfo(t);
  return result;
}

export const batchToSpaceNDConfig: KernelConfig = {
  kernelName: BatchToSpaceND,
  backendName: 'simd',
  kernelFunc: batchToSpaceND as unknown as KernelFunc,
};
