// A box of a tensor copied out whole: the shared body of Slice, SplitV and Unpack.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { elementAddress, stridedCopy } from './copy.js';
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
  const xStrides = rowMajorStrides(x.shape);
  const offset = begin.reduce((sum, b, k) => sum + b * xStrides[k], 0);
  stridedCopy(backend, backend.ptr(out), elementAddress(backend, x, offset), x.dtype, {
    shape: size,
    srcStrides: xStrides,
    dstStrides: rowMajorStrides(size),
  });
  return out;
}
