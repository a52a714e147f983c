// ScatterNd and TensorScatterUpdate: update slices placed by rows of indices, one native kernel each way.
import { backend_util, type TensorInfo } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';

type Placement = 'add' | 'set';

/**
 * Writes `updates` into `out` (shape `shape`) at the slices `indices` name, adding them into zeros or setting
 * them over what `out` holds. A row outside the output is tfjs-backend-cpu's error, naming the first such row (the
 * kernel guard frees `out`).
 */
export function scatterSlices(
  backend: SimdBackend,
  out: TensorInfo,
  indices: TensorInfo,
  updates: TensorInfo,
  shape: number[],
  placement: Placement,
): void {
  const { sliceRank, numUpdates, sliceSize, strides, outputSize } = backend_util.calculateShapes(
    updates,
    indices,
    shape,
  );
  if (outputSize === 0) return;
  const slices = outputSize / sliceSize;
  const wasm = backend.wasm;
  const bad = wasm.withScratch(4 * Math.max(sliceRank, 1), (stridesPtr) => {
    wasm.i32(stridesPtr, sliceRank).set(strides.slice(0, sliceRank)); // rank 0 still lists one stride
    const args = [
      backend.ptr(out),
      backend.ptr(updates),
      backend.ptr(indices),
      numUpdates,
      sliceRank,
      stridesPtr,
      slices,
    ] as const;
    return placement === 'add'
      ? wasm.kernels.layout_scatter_nd_sum(...args, sliceSize, updates.dtype === 'int32' ? 1 : 0)
      : wasm.kernels.layout_scatter_nd_replace(...args, sliceSize * 4, updates.shape.length === 0 ? 1 : 0);
  });
  if (bad >= 0) {
    const row = Array.from(backend.view(indices.dataId).subarray(bad * sliceRank, (bad + 1) * sliceRank));
    throw new Error(`Invalid indices: ${row} does not index into ${shape}`);
  }
}

/** Whether the native kernels take these dtypes (4-byte values, int32 indices). */
export const isNativeScatter = (indices: TensorInfo, updates: TensorInfo): boolean =>
  indices.dtype === 'int32' && (updates.dtype === 'float32' || updates.dtype === 'int32');
