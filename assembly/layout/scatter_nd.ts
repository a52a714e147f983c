// ScatterNd and TensorScatterUpdate: update slice u goes to the output slice at the flat position
// Σ_j indices[u, j] · strides[j] (in slices), added (ScatterNd: repeated positions sum, in update order, from 0)
// or written (TensorScatterUpdate: the last update wins), as tfjs-backend-cpu does. Positions are checked
// before anything is written.
import { flatPosition } from './gather_nd';

/** The first update whose position is outside [0, slices), or -1. */
function firstOutside(indices: usize, numUpdates: i32, sliceRank: i32, strides: usize, slices: i32): i32 {
  for (let u = 0; u < numUpdates; u++) {
    const position = flatPosition(indices, u, sliceRank, strides);
    if (position < 0 || position >= <i64>slices) return u;
  }
  return -1;
}

/**
 * dst (slices × sliceSize elements) = 0, then each update slice added at its position: float32 or int32
 * additions (`integer`), wrapping as cpu's Int32Array does. Returns -1, or the first bad update unwritten.
 */
export function layout_scatter_nd_sum(
  dst: usize, updates: usize, indices: usize, numUpdates: i32, sliceRank: i32, strides: usize, slices: i32,
  sliceSize: i32, integer: bool,
): i32 {
  const bad = firstOutside(indices, numUpdates, sliceRank, strides, slices);
  if (bad >= 0) return bad;
  const sliceBytes = <usize>sliceSize << 2;
  memory.fill(dst, 0, <usize>slices * sliceBytes);
  for (let u = 0; u < numUpdates; u++) {
    const to = dst + <usize>flatPosition(indices, u, sliceRank, strides) * sliceBytes;
    const from = updates + <usize>u * sliceBytes;
    for (let k = 0; k < sliceSize; k++) {
      const at = <usize>k << 2;
      if (integer) store<i32>(to + at, load<i32>(to + at) + load<i32>(from + at));
      else store<f32>(to + at, load<f32>(to + at) + load<f32>(from + at));
    }
  }
  return -1;
}

/**
 * dst already holds the tensor; each update slice (or the one scalar update, `scalarUpdate`) is written at its
 * position. Returns -1, or the first bad update unwritten.
 */
export function layout_scatter_nd_replace(
  dst: usize, updates: usize, indices: usize, numUpdates: i32, sliceRank: i32, strides: usize, slices: i32,
  sliceBytes: i32, scalarUpdate: bool,
): i32 {
  const bad = firstOutside(indices, numUpdates, sliceRank, strides, slices);
  if (bad >= 0) return bad;
  const slice = <usize>sliceBytes;
  for (let u = 0; u < numUpdates; u++) {
    const to = dst + <usize>flatPosition(indices, u, sliceRank, strides) * slice;
    if (scalarUpdate) {
      for (let at: usize = 0; at < slice; at += 4) store<u32>(to + at, load<u32>(updates));
    } else {
      memory.copy(to, updates + <usize>u * slice, slice);
    }
  }
  return -1;
}
