// SparseSegmentSum and SparseSegmentMean, as tfjs-backend-cpu computes them: with segment ids sorted,
//   out[s, :] = Σ data[indices[i], :] over the i with segmentIds[i] = s   (÷ their count for the mean),
// added in float32 in i order from +0, so results equal cpu's; rows no id names stay 0.
import { addFloats } from '../simd/copy';

/**
 * Writes `out` ([outputRows, width]) and returns 0, or returns 1 without writing when cpu would throw: ids
 * decreasing or outside [0, outputRows), or an index outside [0, dataRows).
 */
export function reduce_sparse_segment_f32(
  out: usize, data: usize, indices: usize, segmentIds: usize, n: i32, outputRows: i32, dataRows: i32, width: i32,
  mean: bool,
): i32 {
  if (!isValid(indices, segmentIds, n, outputRows, dataRows)) return 1;
  const rowBytes = <usize>width << 2;
  memory.fill(out, 0, <usize>outputRows * rowBytes);
  let start = 0;
  while (start < n) {
    const s = load<i32>(segmentIds + (<usize>start << 2));
    let end = start + 1;
    while (end < n && load<i32>(segmentIds + (<usize>end << 2)) == s) end++;
    const row = out + <usize>s * rowBytes;
    for (let i = start; i < end; i++) addFloats(row, data + <usize>load<i32>(indices + (<usize>i << 2)) * rowBytes, width);
    if (mean) divideRow(row, width, <f32>(end - start));
    start = end;
  }
  return 0;
}

function isValid(indices: usize, segmentIds: usize, n: i32, outputRows: i32, dataRows: i32): bool {
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const s = load<i32>(segmentIds + (<usize>i << 2));
    const index = load<i32>(indices + (<usize>i << 2));
    if (s < previous || s >= outputRows || <u32>index >= <u32>dataRows) return false;
    previous = s;
  }
  return true;
}

/** row[:] /= count in float32. */
function divideRow(row: usize, width: i32, count: f32): void {
  const divisor = f32x4.splat(count);
  let c = 0;
  for (; c + 4 <= width; c += 4) {
    const at = <usize>c << 2;
    v128.store(row + at, f32x4.div(v128.load(row + at), divisor));
  }
  for (; c < width; c++) {
    const at = <usize>c << 2;
    store<f32>(row + at, load<f32>(row + at) / count);
  }
}
