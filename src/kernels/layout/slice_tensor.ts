// A box of a tensor copied out whole: the shared body of Slice, SplitV and Unpack.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { bytesPerElement, type SimdBackend } from '../../backend/backend_simd.js';
import { planStridedCopy } from './copy.js';
import { rowMajorStrides } from './geometry.js';

/** x[begin : begin + size] as a new tensor of shape `outShape` (same element count as `size`). */
export function sliceTensor(
  backend: SimdBackend,
  x: TensorInfo,
  begin: number[],
  size: number[],
  outShape: number[] = size,
): TensorInfo {
  const out = backend.makeOutput(outShape, x.dtype);
  planSlice(backend, x, begin, size)(backend.ptr(x), backend.ptr(out));
  return out;
}

/** The copy of x[begin : begin + size], worked out to run (xPtr, outPtr) on any buffers of x's shape. */
export function planSlice(
  backend: SimdBackend,
  x: TensorInfo,
  begin: number[],
  size: number[],
): (x: number, out: number) => void {
  const xStrides = rowMajorStrides(x.shape);
  const offset = begin.reduce((sum, b, k) => sum + b * xStrides[k], 0) * bytesPerElement(x.dtype);
  const copy = planStridedCopy(backend, x.dtype, {
    shape: size,
    srcStrides: xStrides,
    dstStrides: rowMajorStrides(size),
  });
  return (xPtr, outPtr) => copy(outPtr, xPtr + offset);
}
