// Source indices of nearest-neighbour resizing, computed with tfjs-backend-cpu's float64 formulas and handed to
// the WASM module as one int32 scratch tensor: the source row of every output row, then the source column of
// every output column.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';

/** How tfjs scales an axis of `inSize` to `outSize` (corner alignment shrinks both by one). */
export function axisScale(inSize: number, outSize: number, alignCorners: boolean): number {
  const aligned = alignCorners && outSize > 1;
  return (aligned ? inSize - 1 : inSize) / (aligned ? outSize - 1 : outSize);
}

/** The input index output index `o` reads, as tfjs-backend-cpu's ResizeNearestNeighbor computes it. */
export function nearestSource(
  o: number,
  scale: number,
  inSize: number,
  alignCorners: boolean,
  halfPixelCenters: boolean,
): number {
  const fraction = halfPixelCenters ? scale * (o + 0.5) : scale * o;
  const nearest = Math.min(inSize - 1, alignCorners ? Math.round(fraction) : Math.floor(fraction));
  return halfPixelCenters ? Math.max(0, nearest) : nearest;
}

export interface SourceMaps {
  scratch: TensorInfo;
  rows: number;
  cols: number;
}

/** Writes both index maps into a fresh int32 scratch tensor (the caller disposes it) and returns their pointers. */
export function sourceMaps(backend: SimdBackend, rowSources: number[], colSources: number[]): SourceMaps {
  const scratch = backend.makeOutput([rowSources.length + colSources.length], 'int32');
  const view = backend.view(scratch.dataId);
  view.set(rowSources);
  view.set(colSources, rowSources.length);
  const rows = backend.ptr(scratch);
  return { scratch, rows, cols: rows + rowSources.length * 4 };
}
