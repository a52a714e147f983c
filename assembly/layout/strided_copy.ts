// The one primitive behind transpose, slice, strided slice, concat, tile, pad, reverse, mirror pad:
// for every index (i_0 … i_{r-1}) of the box given by layout_params(),
//   dst[Σ i_k · dstStride_k] = src[Σ i_k · srcStride_k]   (strides in bytes).
// The caller merges dimensions first, so the innermost run is usually one bulk copy.
import { copyRun, copyShortRuns } from './runs';
import { counterAt, dstStrideOf, extentOf, srcStrideOf } from './params';
import { transposeTile32 } from './transpose_tile';

/** Whether the last two dimensions are a 32-bit transpose (source contiguous along the row). */
function isTransposeTile(rank: i32, elemBytes: i32): bool {
  if (rank < 2 || elemBytes != 4) return false;
  const row = rank - 2;
  const col = rank - 1;
  return srcStrideOf(row) == 4 && dstStrideOf(col) == 4 && srcStrideOf(col) != 4 && dstStrideOf(row) != 4 &&
    extentOf(row) >= 4 && extentOf(col) >= 4;
}

/** Whether the innermost run is contiguous on both sides and at most a vector long, under an outer dimension. */
function isShortContiguousRun(rank: i32, n: i32, elemBytes: i32, ss: i32, ds: i32): bool {
  return rank >= 2 && ss == elemBytes && ds == elemBytes && n * elemBytes <= 16;
}

export function layout_strided_copy(dst: usize, src: usize, elemBytes: i32, rank: i32): void {
  if (rank == 0) {
    memory.copy(dst, src, <usize>elemBytes);
    return;
  }
  const tile = isTransposeTile(rank, elemBytes);
  const n = extentOf(rank - 1);
  const ss = srcStrideOf(rank - 1);
  const ds = dstStrideOf(rank - 1);
  const shortRuns = !tile && isShortContiguousRun(rank, n, elemBytes, ss, ds);
  const outerRank = tile || shortRuns ? rank - 2 : rank - 1;
  const rows = tile || shortRuns ? extentOf(rank - 2) : 0;
  const srcRowStride = shortRuns ? srcStrideOf(rank - 2) : 0;
  const dstRowStride = tile || shortRuns ? dstStrideOf(rank - 2) : 0;
  for (let k = 0; k < outerRank; k++) store<i32>(counterAt(k), 0);
  while (true) {
    if (tile) transposeTile32(dst, src, rows, n, ss, dstRowStride);
    else if (shortRuns) copyShortRuns(dst, src, rows, n * elemBytes, srcRowStride, dstRowStride);
    else copyRun(dst, src, n, elemBytes, ss, ds);
    // Advance the odometer over the outer dimensions, last dimension fastest.
    let k = outerRank - 1;
    for (; k >= 0; k--) {
      const extent = extentOf(k);
      const count = load<i32>(counterAt(k)) + 1;
      src += <usize>srcStrideOf(k);
      dst += <usize>dstStrideOf(k);
      if (count < extent) {
        store<i32>(counterAt(k), count);
        break;
      }
      store<i32>(counterAt(k), 0);
      src -= <usize>(srcStrideOf(k) * extent);
      dst -= <usize>(dstStrideOf(k) * extent);
    }
    if (k < 0) return;
  }
}
