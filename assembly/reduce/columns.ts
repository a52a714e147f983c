// Reductions over a middle axis: out[o, i] = x[o, 0, i] op x[o, 1, i] op … op x[o, n - 1, i].
// Vectorised across the contiguous inner axis i, so no transpose is needed; each column folds in index order.
// Short rows fold tiles of columns in registers; long rows stream row after row into the output, a chunk of
// columns at a time, so that memory is read in order and the chunk of output stays in L1 cache.
import { promoteHigh } from '../simd/lanes';
import { accumulateVec, combineScalar, lanes, OP_SUM } from './ops';
import { fixZeroSigns } from './zeros';

/** Rows at least this long stream; shorter ones are folded in registers. */
const STREAM_MIN_BYTES: usize = 256;
/** Columns streamed at a time (bytes of output). */
const CHUNK_BYTES: usize = 4096;
/** Columns summed at a time, with their f64 totals in SUM_TOTALS. */
const SUM_CHUNK: i32 = 512;
const SUM_TOTALS = memory.data(SUM_CHUNK * 8, 16);

@inline export function reduceColumns<T>(
  op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32,
): void {
  const bytes = <usize>sizeof<T>();
  const rowBytes = <usize>inner * bytes;
  const chunk = <i32>(CHUNK_BYTES / bytes);
  for (let o = 0; o < outer; o++) {
    const base = x + <usize>o * <usize>n * rowBytes;
    const dst = out + <usize>o * rowBytes;
    if (rowBytes >= STREAM_MIN_BYTES) {
      for (let c = 0; c < inner; c += chunk) {
        const offset = <usize>c * bytes;
        const count = min(chunk, inner - c);
        memory.copy(dst + offset, base + offset, <usize>count * bytes);
        for (let k = 1; k < n; k++) foldInto<T>(op, dst + offset, base + <usize>k * rowBytes + offset, count);
      }
    } else {
      foldColumnTiles<T>(op, base, dst, n, inner);
    }
    if (isFloat<T>()) fixZeroSigns(base, dst, n, inner);
  }
}

/** dst[i] = dst[i] op src[i] for `count` values. */
@inline function foldInto<T>(op: i32, dst: usize, src: usize, count: i32): void {
  const L = lanes<T>();
  const bytes = <usize>sizeof<T>();
  let i = 0;
  for (; i + 4 * L <= count; i += 4 * L) {
    const d = dst + <usize>i * bytes;
    const s = src + <usize>i * bytes;
    v128.store(d, accumulateVec<T>(op, v128.load(d), v128.load(s)));
    v128.store(d, accumulateVec<T>(op, v128.load(d, 16), v128.load(s, 16)), 16);
    v128.store(d, accumulateVec<T>(op, v128.load(d, 32), v128.load(s, 32)), 32);
    v128.store(d, accumulateVec<T>(op, v128.load(d, 48), v128.load(s, 48)), 48);
  }
  for (; i + L <= count; i += L) {
    const d = dst + <usize>i * bytes;
    v128.store(d, accumulateVec<T>(op, v128.load(d), v128.load(src + <usize>i * bytes)));
  }
  for (; i < count; i++) {
    const d = dst + <usize>i * bytes;
    store<T>(d, combineScalar<T>(op, load<T>(d), load<T>(src + <usize>i * bytes)));
  }
}

/** Folds columns of a short-rowed [n, inner] block, tiles of columns held in registers. */
@inline function foldColumnTiles<T>(op: i32, base: usize, dst: usize, n: i32, inner: i32): void {
  const L = lanes<T>();
  const bytes = <usize>sizeof<T>();
  const rowBytes = <usize>inner * bytes;
  let i = 0;
  for (; i + 4 * L <= inner; i += 4 * L) {
    let q = base + <usize>i * bytes;
    let a0 = v128.load(q), a1 = v128.load(q, 16), a2 = v128.load(q, 32), a3 = v128.load(q, 48);
    for (let k = 1; k < n; k++) {
      q += rowBytes;
      a0 = accumulateVec<T>(op, a0, v128.load(q));
      a1 = accumulateVec<T>(op, a1, v128.load(q, 16));
      a2 = accumulateVec<T>(op, a2, v128.load(q, 32));
      a3 = accumulateVec<T>(op, a3, v128.load(q, 48));
    }
    const d = dst + <usize>i * bytes;
    v128.store(d, a0);
    v128.store(d, a1, 16);
    v128.store(d, a2, 32);
    v128.store(d, a3, 48);
  }
  for (; i + L <= inner; i += L) {
    let q = base + <usize>i * bytes;
    let a = v128.load(q);
    for (let k = 1; k < n; k++) {
      q += rowBytes;
      a = accumulateVec<T>(op, a, v128.load(q));
    }
    v128.store(dst + <usize>i * bytes, a);
  }
  for (; i < inner; i++) {
    let q = base + <usize>i * bytes;
    let a = load<T>(q);
    for (let k = 1; k < n; k++) {
      q += rowBytes;
      a = combineScalar<T>(op, a, load<T>(q));
    }
    store<T>(dst + <usize>i * bytes, a);
  }
}

/**
 * Column sums of float32, accumulated in f64 (as tfjs-backend-cpu does) a chunk of columns at a time, row after
 * row; the totals divided by `divisor` (Mean), rounded once, are the result.
 */
@inline export function sumColumnsF32(x: usize, out: usize, outer: i32, n: i32, inner: i32, divisor: f64): void {
  const rowBytes = <usize>inner << 2;
  for (let o = 0; o < outer; o++) {
    const base = x + <usize>o * <usize>n * rowBytes;
    const dst = out + <usize>o * rowBytes;
    for (let c = 0; c < inner; c += SUM_CHUNK) {
      const offset = <usize>c << 2;
      const count = min(SUM_CHUNK, inner - c);
      memory.fill(SUM_TOTALS, 0, <usize>count << 3);
      for (let k = 0; k < n; k++) addToTotals(base + <usize>k * rowBytes + offset, count);
      storeTotals(dst + offset, count, divisor);
    }
  }
}

/** SUM_TOTALS[i] += src[i] in f64. */
@inline function addToTotals(src: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const v = v128.load(src + (<usize>i << 2));
    const t = SUM_TOTALS + (<usize>i << 3);
    v128.store(t, f64x2.add(v128.load(t), f64x2.promote_low_f32x4(v)));
    v128.store(t, f64x2.add(v128.load(t, 16), promoteHigh(v)), 16);
  }
  for (; i < count; i++) {
    const t = SUM_TOTALS + (<usize>i << 3);
    store<f64>(t, load<f64>(t) + <f64>load<f32>(src + (<usize>i << 2)));
  }
}

/** dst[i] = SUM_TOTALS[i] / divisor, rounded to float32. */
@inline function storeTotals(dst: usize, count: i32, divisor: f64): void {
  const d = f64x2.splat(divisor);
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const t = SUM_TOTALS + (<usize>i << 3);
    const lo = f32x4.demote_f64x2_zero(f64x2.div(v128.load(t), d));
    const hi = f32x4.demote_f64x2_zero(f64x2.div(v128.load(t, 16), d));
    v128.store(dst + (<usize>i << 2), v128.shuffle<i32>(lo, hi, 0, 1, 4, 5));
  }
  for (; i < count; i++) {
    store<f32>(dst + (<usize>i << 2), <f32>(load<f64>(SUM_TOTALS + (<usize>i << 3)) / divisor));
  }
}
