import {
  type KernelConfig,
  type KernelFunc,
  StridedSlice,
  type StridedSliceAttrs,
  type StridedSliceInputs,
  slice_util,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { elementAddress, fillElements, stridedCopy } from './copy.js';
import { layoutOnCpu } from './fallback.js';
import { rowMajorStrides } from './geometry.js';
import { reshape } from './Reshape.js';
import { slice } from './Slice.js';
import { cpuStridedSliceSource } from './strided_slice.js';

/** tfjs-core resolves the masks into begin and strides per input axis; out[i] = x[begin + i·strides]. */
export function stridedSlice(args: KernelArgs<StridedSliceInputs, StridedSliceAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs,
    backend,
  } = args;
  if (x.dtype === 'string') return layoutOnCpu(StridedSlice, args) as TensorInfo;
  const { begin, end, strides, beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask } = attrs;
  const info = slice_util.sliceInfo(
    x.shape,
    begin,
    end,
    strides,
    beginMask,
    endMask,
    ellipsisMask,
    newAxisMask,
    shrinkAxisMask,
  );
  if (info.isIdentity) return reshape({ inputs: { x }, attrs: { shape: info.finalShape }, backend });
  if (info.sliceDim0 || info.isSimpleSlice) {
    // tfjs-backend-cpu's path for unit strides, kept for its exact behaviour (and errors) on empty ranges.
    const size = slice_util.computeOutShape(info.begin, info.end, info.strides);
    const sliced = slice({ inputs: { x }, attrs: { begin: info.begin, size }, backend });
    try {
      return reshape({ inputs: { x: sliced }, attrs: { shape: info.finalShape }, backend });
    } finally {
      backend.disposeIntermediateTensorInfo(sliced);
    }
  }
  const source = cpuStridedSliceSource(x.shape, info.begin, info.strides, info.finalShapeSparse);
  const read = (dst: number) =>
    stridedCopy(backend, dst, elementAddress(backend, x, source.offset), x.dtype, {
      shape: info.finalShapeSparse,
      srcStrides: source.srcStrides,
      dstStrides: rowMajorStrides(info.finalShapeSparse),
    });
  const sparseSize = util.sizeFromShape(info.finalShapeSparse);
  const finalSize = util.sizeFromShape(info.finalShape);
  const out = backend.makeOutput(info.finalShape, x.dtype);
  if (sparseSize === finalSize) {
    read(backend.ptr(out));
    return out;
  }
  // tfjs-core can derive a finalShapeSparse whose size differs from finalShape's (new axes without an
  // ellipsis); the reference then returns a tensor with the wrong number of values. Here: the values it
  // computes, first, then zeros, and never more than the shape holds.
  const sparse = backend.makeOutput(info.finalShapeSparse, x.dtype);
  read(backend.ptr(sparse));
  fillElements(backend, backend.ptr(out), finalSize, x.dtype, 0);
  stridedCopy(backend, backend.ptr(out), backend.ptr(sparse), x.dtype, {
    shape: [Math.min(sparseSize, finalSize)],
    srcStrides: [1],
    dstStrides: [1],
  });
  backend.disposeIntermediateTensorInfo(sparse);
  return out;
}

export const stridedSliceConfig: KernelConfig = {
  kernelName: StridedSlice,
  backendName: 'simd',
  kernelFunc: stridedSlice as unknown as KernelFunc,
};
