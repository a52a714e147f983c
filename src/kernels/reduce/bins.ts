// The shared step of Bincount and DenseBincount (assembly/reduce/bincount.ts): rows of int32 values into bins,
// counted, weighted or marked, as tfjs-backend-cpu computes them. Calls its code does not cover run there.
import { type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';

/**
 * The bins of x (int32, [n] or [rows, n]) into `size` bins per row, of weights' dtype, or null where the CPU
 * kernel must run: other dtypes, weights neither empty nor of x's shape, a size that is not a whole number.
 */
export function binsOf(
  backend: SimdBackend,
  x: TensorInfo,
  weights: TensorInfo,
  size: number,
  binary: boolean,
): TensorInfo | null {
  const weighted = util.sizeFromShape(weights.shape) > 0;
  const fits =
    x.dtype === 'int32' &&
    (x.shape.length === 1 || x.shape.length === 2) &&
    (weights.dtype === 'float32' || weights.dtype === 'int32') &&
    (!weighted || util.arraysEqual(weights.shape, x.shape)) &&
    Number.isInteger(size) &&
    size >= 0;
  if (!fits) return null;
  const [rows, cols] = x.shape.length === 2 ? x.shape : [1, x.shape[0]];
  const out = backend.makeOutput(x.shape.length === 2 ? [rows, size] : [size], weights.dtype);
  const status = backend.wasm.kernels.reduce_bincount(
    backend.ptr(x),
    rows,
    cols,
    weighted ? backend.ptr(weights) : 0,
    weighted ? 1 : 0,
    weights.dtype === 'int32' ? 1 : 0,
    binary ? 1 : 0,
    size,
    backend.ptr(out),
  );
  if (status !== 0) {
    backend.disposeData(out.dataId);
    throw new Error('Input x must be non-negative!');
  }
  return out;
}
