// Reductions of contiguous rows: out[o] = x[o, 0] op x[o, 1] op … op x[o, n - 1].
import { accumulateVec, combineScalar, combineVec, horizontal, lanes, OP_SUM, promoteHigh } from './ops';
import { firstZero } from './zeros';

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
 * Sum of n >= 1 contiguous float32 values, accumulated in f64 as tfjs-backend-cpu does (its running sum is a JS
 * number): the float32 result is then the correctly rounded sum in all but rare double-rounding cases, equal to
 * cpu's bit for bit, and finite terms whose float32 partial sums would overflow (3e38 + 3e38, halved by a mean)
 * stay finite. Four f64x2 accumulators hide the add latency.
 */
@inline export function sumRowF32(p: usize, n: i32): f64 {
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const q = p + (<usize>i << 2);
    const v = v128.load(q);
    const w = v128.load(q, 16);
    a0 = f64x2.add(a0, f64x2.promote_low_f32x4(v));
    a1 = f64x2.add(a1, promoteHigh(v));
    a2 = f64x2.add(a2, f64x2.promote_low_f32x4(w));
    a3 = f64x2.add(a3, promoteHigh(w));
  }
  const a = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  let total = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
  for (; i < n; i++) total += <f64>load<f32>(p + (<usize>i << 2));
  return total;
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
