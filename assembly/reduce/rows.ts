// Reductions of contiguous rows: out[o] = x[o, 0] op x[o, 1] op … op x[o, n - 1].
import { sumRowF32 } from '../simd/row_sum';
import { accumulateVec, combineScalar, combineVec, horizontal, lanes, OP_SUM } from './ops';
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
