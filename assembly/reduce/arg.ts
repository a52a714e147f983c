// Index of the maximum (or minimum) along one axis, with tfjs-backend-cpu's rules: the running best starts at the
// first element and is replaced only by a strictly greater (smaller) value. So ties keep the first index, NaN never
// wins, and a NaN first element keeps index 0.

@inline function beats(isMax: bool, v: v128, best: v128): v128 {
  return isMax ? f32x4.gt(v, best) : f32x4.lt(v, best);
}

@inline function beatsScalar(isMax: bool, v: f32, best: f32): bool {
  return isMax ? v > best : v < best;
}

/** Arg-reduce one contiguous row of n >= 1 values. */
@inline function argRow(isMax: bool, p: usize, n: i32): i32 {
  const first = load<f32>(p);
  // Two independent sets of lanes (elements 8t..8t+3 and 8t+4..8t+7) halve the compare-select dependency chain.
  let best = f32x4.splat(first), bestB = best;
  let bestIndex = i32x4.splat(0), bestIndexB = bestIndex;
  let index = i32x4(0, 1, 2, 3);
  const four = i32x4.splat(4);
  const eight = i32x4.splat(8);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const q = p + (<usize>i << 2);
    const v = v128.load(q);
    const vB = v128.load(q, 16);
    const wins = beats(isMax, v, best);
    const winsB = beats(isMax, vB, bestB);
    best = v128.bitselect(v, best, wins);
    bestIndex = v128.bitselect(index, bestIndex, wins);
    bestB = v128.bitselect(vB, bestB, winsB);
    bestIndexB = v128.bitselect(i32x4.add(index, four), bestIndexB, winsB);
    index = i32x4.add(index, eight);
  }
  const takeB = v128.or(
    beats(isMax, bestB, best), v128.and(f32x4.eq(bestB, best), i32x4.lt_s(bestIndexB, bestIndex)));
  best = v128.bitselect(bestB, best, takeB);
  bestIndex = v128.bitselect(bestIndexB, bestIndex, takeB);
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(p + (<usize>i << 2));
    const wins = beats(isMax, v, best);
    best = v128.bitselect(v, best, wins);
    bestIndex = v128.bitselect(index, bestIndex, wins);
    index = i32x4.add(index, four);
  }
  // Each lane holds the first index of its best value; merge lanes: better value first, then smaller index.
  let value = f32x4.extract_lane(best, 0);
  let result = i32x4.extract_lane(bestIndex, 0);
  for (let lane = 1; lane < 4; lane++) {
    // Lanes are read through a shuffle: extract_lane needs a constant lane.
    best = v128.shuffle<i32>(best, best, 1, 2, 3, 0);
    bestIndex = v128.shuffle<i32>(bestIndex, bestIndex, 1, 2, 3, 0);
    const v = f32x4.extract_lane(best, 0);
    const j = i32x4.extract_lane(bestIndex, 0);
    if (beatsScalar(isMax, v, value) || (v == value && j < result)) {
      value = v;
      result = j;
    }
  }
  for (; i < n; i++) {
    const v = load<f32>(p + (<usize>i << 2));
    if (beatsScalar(isMax, v, value)) {
      value = v;
      result = i;
    }
  }
  return result;
}

@inline function argReduce(isMax: bool, x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  if (inner == 1) {
    for (let o = 0; o < outer; o++) {
      store<i32>(out + (<usize>o << 2), argRow(isMax, x + ((<usize>o * <usize>n) << 2), n));
    }
    return;
  }
  const rowBytes = <usize>inner << 2;
  for (let o = 0; o < outer; o++) {
    const base = x + <usize>o * <usize>n * rowBytes;
    const dst = out + <usize>o * rowBytes;
    let i = 0;
    for (; i + 4 <= inner; i += 4) {
      let q = base + (<usize>i << 2);
      let best = v128.load(q);
      let bestIndex = i32x4.splat(0);
      for (let k = 1; k < n; k++) {
        q += rowBytes;
        const v = v128.load(q);
        const wins = beats(isMax, v, best);
        best = v128.bitselect(v, best, wins);
        bestIndex = v128.bitselect(i32x4.splat(k), bestIndex, wins);
      }
      v128.store(dst + (<usize>i << 2), bestIndex);
    }
    for (; i < inner; i++) {
      let q = base + (<usize>i << 2);
      let best = load<f32>(q);
      let bestIndex = 0;
      for (let k = 1; k < n; k++) {
        q += rowBytes;
        const v = load<f32>(q);
        if (beatsScalar(isMax, v, best)) {
          best = v;
          bestIndex = k;
        }
      }
      store<i32>(dst + (<usize>i << 2), bestIndex);
    }
  }
}

/** out[o, i] (int32) = argmax over k of x[o, k, i], for n >= 1. */
export function reduce_arg_max_f32(x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  argReduce(true, x, out, outer, n, inner);
}

/** out[o, i] (int32) = argmin over k of x[o, k, i], for n >= 1. */
export function reduce_arg_min_f32(x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  argReduce(false, x, out, outer, n, inner);
}
