// Cumulative sums and products along the middle axis of [outer, n, inner], as tfjs-backend-cpu computes them:
// out[k] = out[k - 1] op x[k] (exclusive: out[k - 1] op x[k - 1], first = identity), walking k backwards when
// `reverse`. Each step rounds to the element type, exactly as cpu's typed-array writes do, so results are equal.
import { combineScalar, combineVec, identityOf, lanes, OP_PROD, OP_SUM } from './ops';

@inline function scan<T>(
  op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32, exclusive: bool, reverse: bool,
): void {
  const L = lanes<T>();
  const bytes = <usize>sizeof<T>();
  const rowBytes = <usize>inner * bytes;
  const neutral = identityOf<T>(op);
  const neutralVec = isFloat<T>() ? f32x4.splat(<f32>neutral) : i32x4.splat(<i32>neutral);
  if (inner == 1) {
    scanRows<T>(op, x, out, outer, n, exclusive, reverse);
    return;
  }
  for (let o = 0; o < outer; o++) {
    const base = <usize>o * <usize>n * rowBytes;
    for (let j = 0; j < n; j++) {
      const k = reverse ? n - 1 - j : j;
      const prev = reverse ? k + 1 : k - 1;
      const dst = out + base + <usize>k * rowBytes;
      const src = x + base + <usize>(exclusive ? prev : k) * rowBytes;
      const before = out + base + <usize>prev * rowBytes;
      let i = 0;
      for (; i + L <= inner; i += L) {
        const e = <usize>i * bytes;
        let v: v128;
        if (j == 0) v = exclusive ? neutralVec : v128.load(src + e);
        else v = combineVec<T>(op, v128.load(before + e), v128.load(src + e));
        v128.store(dst + e, v);
      }
      for (; i < inner; i++) {
        const e = <usize>i * bytes;
        let v: T;
        if (j == 0) v = exclusive ? neutral : load<T>(src + e);
        else v = combineScalar<T>(op, load<T>(before + e), load<T>(src + e));
        store<T>(dst + e, v);
      }
    }
  }
}

/** The scan of contiguous rows: one running value per row, walked forwards or backwards. */
@inline function scanRows<T>(op: i32, x: usize, out: usize, outer: i32, n: i32, exclusive: bool, reverse: bool): void {
  const bytes = <usize>sizeof<T>();
  const step = reverse ? -<isize>bytes : <isize>bytes;
  for (let o = 0; o < outer; o++) {
    const first = (<usize>o * <usize>n + (reverse ? <usize>n - 1 : 0)) * bytes;
    let src = x + first;
    let dst = out + first;
    if (exclusive) {
      let acc = identityOf<T>(op);
      for (let j = 0; j < n; j++) {
        store<T>(dst, acc);
        acc = combineScalar<T>(op, acc, load<T>(src));
        src += step;
        dst += step;
      }
    } else {
      let acc = load<T>(src);
      store<T>(dst, acc);
      for (let j = 1; j < n; j++) {
        src += step;
        dst += step;
        acc = combineScalar<T>(op, acc, load<T>(src));
        store<T>(dst, acc);
      }
    }
  }
}

export function reduce_cumsum_f32(x: usize, out: usize, outer: i32, n: i32, inner: i32, exclusive: bool, reverse: bool): void {
  scan<f32>(OP_SUM, x, out, outer, n, inner, exclusive, reverse);
}

export function reduce_cumsum_i32(x: usize, out: usize, outer: i32, n: i32, inner: i32, exclusive: bool, reverse: bool): void {
  scan<i32>(OP_SUM, x, out, outer, n, inner, exclusive, reverse);
}

export function reduce_cumprod_f32(x: usize, out: usize, outer: i32, n: i32, inner: i32, exclusive: bool, reverse: bool): void {
  scan<f32>(OP_PROD, x, out, outer, n, inner, exclusive, reverse);
}
