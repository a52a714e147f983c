// softmax(x)[j] = exp(x[j] - max(x)) / sum_k exp(x[k] - max(x)) along contiguous rows, as tfjs-backend-cpu
// composes it (Max, Sub, Exp, Sum, Div); subtracting the row maximum keeps exp from overflowing.
import { expScalar, expV } from '../math/exp';
import { sumLanesF64 } from '../simd/horizontal';
import { OP_MAX } from './ops';
import { foldRow } from './rows';

/** out[j] = exp(x[j] - m); returns the sum of the written values (f64 total of f32 blocks). */
@inline function expShiftedRow(x: usize, out: usize, n: i32, m: f32): f64 {
  const shift = f32x4.splat(m);
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
  let total: f64 = 0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const o = <usize>i << 2;
    const e0 = expV(f32x4.sub(v128.load(x + o), shift));
    const e1 = expV(f32x4.sub(v128.load(x + o, 16), shift));
    v128.store(out + o, e0);
    v128.store(out + o, e1, 16);
    s0 = f32x4.add(s0, e0);
    s1 = f32x4.add(s1, e1);
    if ((i & 1023) == 1016) { // flush every 1024 values: f32 partial sums stay short
      total += sumLanesF64(f32x4.add(s0, s1));
      s0 = f32x4.splat(0);
      s1 = f32x4.splat(0);
    }
  }
  total += sumLanesF64(f32x4.add(s0, s1));
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const e = expScalar(load<f32>(x + o) - m);
    store<f32>(out + o, e);
    total += <f64>e;
  }
  return total;
}

/** out[j] /= s in place. */
@inline function divideRow(out: usize, n: i32, s: f32): void {
  const d = f32x4.splat(s);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.div(v128.load(out + o), d));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(out + o) / s);
  }
}

/** Softmax over each of `rows` contiguous rows of n >= 1 float32 values. */
export function reduce_softmax_f32(x: usize, out: usize, rows: i32, n: i32): void {
  for (let r = 0; r < rows; r++) {
    const offset = (<usize>r * <usize>n) << 2;
    const m = foldRow<f32>(OP_MAX, x + offset, n);
    const s = <f32>expShiftedRow(x + offset, out + offset, n, m);
    divideRow(out + offset, n, s);
  }
}
