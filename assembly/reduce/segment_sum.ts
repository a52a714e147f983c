// UnsortedSegmentSum of rows: out[s, :] = Σ x[i, :] over the rows i with ids[i] = s, in ascending i. Each sum
// is taken in float64 and rounded to float32 once, as tfjs-backend-cpu sums, so results equal cpu's (its way
// with infinities and NaN included). Ids outside [0, numSegments) add to no segment. Rows are first grouped by
// segment with a stable counting sort (scratch: width float64, numSegments + n int32), so every output row is
// written once, in order, zeros included.
import { allFinite } from '../simd/finite';

/** Bytes of scratch reduce_unsorted_segment_sum_f32 needs. */
export function reduce_segment_sum_scratch_bytes(n: i32, numSegments: i32, width: i32): i32 {
  return (width << 3) + ((numSegments + n) << 2);
}

export function reduce_unsorted_segment_sum_f32(
  out: usize, x: usize, ids: usize, n: i32, numSegments: i32, width: i32, scratch: usize,
): void {
  const sums = scratch; // one row of float64 sums
  const ends = sums + (<usize>width << 3); // ends[s]: one past the last grouped row of segment s
  const order = ends + (<usize>numSegments << 2); // row numbers grouped by segment, ascending within each
  groupRowsBySegment(ids, n, numSegments, ends, order);
  const rowBytes = <usize>width << 2;
  let first = 0;
  for (let s = 0; s < numSegments; s++) {
    const end = load<i32>(ends + (<usize>s << 2));
    sumRows(out + <usize>s * rowBytes, x, rowBytes, order + (<usize>first << 2), end - first, width, sums);
    first = end;
  }
  if (!allFinite(x, n * width)) spreadNonFiniteAsCpu(out, x, rowBytes, ends, order, n, numSegments, width, sums);
}

/**
 * cpu sums segment s over every row, multiplying the other segments' rows by 0: an infinity or NaN anywhere in
 * a column makes that column NaN in every segment but one holding all of the column's non-finite values.
 * Reproduced so results stay cpu's. `counts` is scratch for 2 · width int32.
 */
function spreadNonFiniteAsCpu(
  out: usize, x: usize, rowBytes: usize, ends: usize, order: usize, n: i32, numSegments: i32, width: i32,
  counts: usize,
): void {
  const total = counts; // non-finite values of each column, over all rows
  const own = counts + (<usize>width << 2); // the same over one segment's rows
  memory.fill(total, 0, <usize>width << 2);
  for (let i = 0; i < n; i++) countNonFinite(total, x + <usize>i * rowBytes, width);
  let first = 0;
  for (let s = 0; s < numSegments; s++) {
    const end = load<i32>(ends + (<usize>s << 2));
    memory.fill(own, 0, <usize>width << 2);
    for (let r = first; r < end; r++) {
      countNonFinite(own, x + <usize>load<i32>(order + (<usize>r << 2)) * rowBytes, width);
    }
    for (let c = 0; c < width; c++) {
      const at = <usize>c << 2;
      if (load<i32>(total + at) > load<i32>(own + at)) store<f32>(out + <usize>s * rowBytes + at, NaN);
    }
    first = end;
  }
}

/** counts[c] += 1 where row[c] is an infinity or NaN. */
function countNonFinite(counts: usize, row: usize, width: i32): void {
  for (let c = 0; c < width; c++) {
    const v = load<f32>(row + (<usize>c << 2));
    if (v - v != 0) store<i32>(counts + (<usize>c << 2), load<i32>(counts + (<usize>c << 2)) + 1);
  }
}

/** A stable counting sort of the row numbers by id: after it, segment s holds order[ends[s - 1] .. ends[s]). */
function groupRowsBySegment(ids: usize, n: i32, numSegments: i32, ends: usize, order: usize): void {
  memory.fill(ends, 0, <usize>numSegments << 2);
  for (let i = 0; i < n; i++) {
    const id = load<i32>(ids + (<usize>i << 2));
    if (<u32>id < <u32>numSegments) {
      const count = ends + (<usize>id << 2);
      store<i32>(count, load<i32>(count) + 1);
    }
  }
  // Exclusive prefix sums: ends[s] becomes where segment s starts; placing each row then moves it to its end.
  let start = 0;
  for (let s = 0; s < numSegments; s++) {
    const at = ends + (<usize>s << 2);
    const count = load<i32>(at);
    store<i32>(at, start);
    start += count;
  }
  for (let i = 0; i < n; i++) {
    const id = load<i32>(ids + (<usize>i << 2));
    if (<u32>id < <u32>numSegments) {
      const at = ends + (<usize>id << 2);
      const slot = load<i32>(at);
      store<i32>(order + (<usize>slot << 2), i);
      store<i32>(at, slot + 1);
    }
  }
}

/**
 * dst[:] = Σ over r < count of x[rows[r], :], summed from +0 in float64 in `sums` (width float64s) and
 * rounded once. A lone row is summed in float32: +0 + v is exact, and turns -0 into +0 as the float64 sum does.
 */
function sumRows(dst: usize, x: usize, rowBytes: usize, rows: usize, count: i32, width: i32, sums: usize): void {
  if (count == 0) {
    memory.fill(dst, 0, rowBytes);
    return;
  }
  const zero = f32x4.splat(0);
  const firstRow = x + <usize>load<i32>(rows) * rowBytes;
  if (count == 1) {
    let c = 0;
    for (; c + 4 <= width; c += 4) {
      const at = <usize>c << 2;
      v128.store(dst + at, f32x4.add(zero, v128.load(firstRow + at)));
    }
    for (; c < width; c++) store<f32>(dst + (<usize>c << 2), <f32>0 + load<f32>(firstRow + (<usize>c << 2)));
    return;
  }
  memory.fill(sums, 0, <usize>width << 3);
  for (let r = 0; r < count; r++) addRowInto(sums, x + <usize>load<i32>(rows + (<usize>r << 2)) * rowBytes, width);
  let c = 0;
  for (; c + 4 <= width; c += 4) {
    const low = f32x4.demote_f64x2_zero(v128.load(sums + (<usize>c << 3)));
    const high = f32x4.demote_f64x2_zero(v128.load(sums + (<usize>c << 3) + 16));
    v128.store(dst + (<usize>c << 2), i32x4.shuffle(low, high, 0, 1, 4, 5));
  }
  for (; c < width; c++) store<f32>(dst + (<usize>c << 2), <f32>load<f64>(sums + (<usize>c << 3)));
}

/** sums[:] += row[:], each float32 widened to float64 (exactly). */
@inline function addRowInto(sums: usize, row: usize, width: i32): void {
  let c = 0;
  for (; c + 4 <= width; c += 4) {
    const v = v128.load(row + (<usize>c << 2));
    const low = sums + (<usize>c << 3);
    v128.store(low, f64x2.add(v128.load(low), f64x2.promote_low_f32x4(v)));
    v128.store(low + 16, f64x2.add(v128.load(low + 16), f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1))));
  }
  for (; c < width; c++) {
    const at = sums + (<usize>c << 3);
    store<f64>(at, load<f64>(at) + <f64>load<f32>(row + (<usize>c << 2)));
  }
}
