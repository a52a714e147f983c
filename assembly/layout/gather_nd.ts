// GatherNd: slice s of the output is the slice of params at the flat position sum_j indices[s, j] · strides[j]
// (in slices). Like tfjs-backend-cpu, only that flat position is checked, not each coordinate.

// @ts-ignore: decorator
@inline export function flatPosition(indices: usize, s: i32, sliceRank: i32, strides: usize): i64 {
  const row = indices + (<usize>(s * sliceRank) << 2);
  let position: i64 = 0;
  for (let j = 0; j < sliceRank; j++) {
    position += <i64>load<i32>(row + (<usize>j << 2)) * <i64>load<i32>(strides + (<usize>j << 2));
  }
  return position;
}

/**
 * Copies numSlices slices of sliceBytes bytes; `slices` is the number of slices params holds. Returns the
 * first slice whose position is outside [0, slices) before writing anything, or -1 when done.
 */
export function layout_gather_nd_f32(
  dst: usize, params: usize, indices: usize, numSlices: i32, sliceRank: i32, strides: usize, slices: i32,
  sliceBytes: i32,
): i32 {
  for (let s = 0; s < numSlices; s++) {
    const position = flatPosition(indices, s, sliceRank, strides);
    if (position < 0 || position >= <i64>slices) return s;
  }
  const slice = <usize>sliceBytes;
  for (let s = 0; s < numSlices; s++, dst += slice) {
    const from = params + <usize>flatPosition(indices, s, sliceRank, strides) * slice;
    if (sliceBytes == 4) store<u32>(dst, load<u32>(from));
    else memory.copy(dst, from, slice);
  }
  return -1;
}
