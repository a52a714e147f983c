// GatherV2 on x viewed as [batch, outer, dimSize, slice] and indices as [batch, numIndices]:
// out[b, o, i, :] = x[b, o, indices[b, i], :]. Indices are validated beforehand.

/** Position of the first index outside [0, dimSize), or -1. */
export function layout_first_index_out_of_range(indices: usize, n: i32, dimSize: i32): i32 {
  for (let i = 0; i < n; i++) {
    const index = load<i32>(indices + (<usize>i << 2));
    if (index < 0 || index >= dimSize) return i;
  }
  return -1;
}

export function layout_gather(
  dst: usize, src: usize, indices: usize, batch: i32, outer: i32, dimSize: i32, numIndices: i32, sliceBytes: i32,
): void {
  const slice = <usize>sliceBytes;
  for (let b = 0; b < batch; b++) {
    const batchIndices = indices + (<usize>(b * numIndices) << 2);
    for (let o = 0; o < outer; o++) {
      const base = src + <usize>(b * outer + o) * <usize>dimSize * slice;
      for (let i = 0; i < numIndices; i++, dst += slice) {
        const from = base + <usize>load<i32>(batchIndices + (<usize>i << 2)) * slice;
        if (sliceBytes == 4) store<u32>(dst, load<u32>(from));
        else if (sliceBytes == 8) store<u64>(dst, load<u64>(from));
        else memory.copy(dst, from, slice);
      }
    }
  }
}
