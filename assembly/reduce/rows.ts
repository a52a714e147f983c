// Reductions of contiguous rows: out[o] = x[o, 0] op x[o, 1] op … op x[o, n - 1].
import { accumulateVec, combineScalar, combineVec, horizontal, lanes, OP_SUM } from './ops';
import { firstZero } from './zeros';

/** Rows of float32 sums are summed in blocks this long; block totals add up in f64 (error ~ block, not row, length). */
const SUM_BLOCK: i32 = 4096;

/** Folds n >= 1 contiguous values with four independent vector accumulators (hides the add/max latency). */
@inline export function foldRow<T>(op: i32, p: usize, n: i32): T {
  const L = lanes<T>();
  const bytes = <usize>sizeof<T>();
  if (n < 4 * L) {
    let acc = load<T>(p);
    for (let i = 1; i < n; i++) acc = combineScalar<T>(op, acc, load<T>(p + <usize>i * bytes));
    return acc;
  }
  let a0 = v128.load(p), a1 = v128.load(p, 16), a2 = v128.load(p, 32), a3 = v128.load(p, 48);
  let i = 4 * L;
  for (; i + 4 * L <= n; i += 4 * L) {
    const q = p + <usize>i * bytes;
    a0 = accumulateVec<T>(op, a0, v128.load(q));
    a1 = accumulateVec<T>(op, a1, v128.load(q, 16));
    a2 = accumulateVec<T>(op, a2, v128.load(q, 32));
    a3 = accumulateVec<T>(op, a3, v128.load(q, 48));
  }
  a0 = combineVec<T>(op, combineVec<T>(op, a0, a1), combineVec<T>(op, a2, a3));
  for (; i + L <= n; i += L) a0 = accumulateVec<T>(op, a0, v128.load(p + <usize>i * bytes));
  let acc = horizontal<T>(op, a0);
  for (; i < n; i++) acc = combineScalar<T>(op, acc, load<T>(p + <usize>i * bytes));
  return acc;
}

/**
 * Sum of n >= 1 float32 values: blocked, block totals in f64. A block whose float32 sum overflows (finite terms
 * such as 3e38 + 3e38, whose mean is finite) is summed again in f64, in order, as tfjs-backend-cpu sums.
 */
@inline export function sumRowF32(p: usize, n: i32): f64 {
  let total: f64 = 0;
  for (let b = 0; b < n; b += SUM_BLOCK) {
    const q = p + (<usize>b << 2);
    const count = min(SUM_BLOCK, n - b);
    const block = foldRow<f32>(OP_SUM, q, count);
    total += isFinite(block) ? <f64>block : sumF64(q, count, 4);
  }
  return total;
}

/** Sum of n float32 values `stride` bytes apart, in order, in f64. */
export function sumF64(p: usize, n: i32, stride: usize): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += <f64>load<f32>(p + <usize>i * stride);
  return s;
}

/** out[o] = fold over row o of length n >= 1; float32 sums are divided by `divisor` (Mean) before rounding. */
@inline export function reduceRows<T>(op: i32, x: usize, out: usize, outer: i32, n: i32, divisor: f64): void {
  const bytes = <usize>sizeof<T>();
  for (let o = 0; o < outer; o++) {
    const p = x + <usize>o * <usize>n * bytes;
    if (isFloat<T>() && op == OP_SUM) {
      store<f32>(out + (<usize>o << 2), <f32>(sumRowF32(p, n) / divisor));
    } else if (isFloat<T>()) {
      const r = foldRow<f32>(op, p, n);
      store<f32>(out + (<usize>o << 2), r == 0 ? firstZero(p, n, 4) : r);
    } else {
      store<T>(out + <usize>o * bytes, foldRow<T>(op, p, n));
    }
  }
}
