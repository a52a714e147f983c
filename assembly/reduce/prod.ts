// Products of float32 values, accumulated in f64 as tfjs-backend-cpu does (its running product is a JS number),
// so intermediate products beyond the float32 range still give the same result.
import { promoteHigh } from '../simd/lanes';

@inline function prodRowF32(p: usize, n: i32): f64 {
  let p0 = f64x2.splat(1), p1 = f64x2.splat(1);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(p + (<usize>i << 2));
    p0 = f64x2.mul(p0, f64x2.promote_low_f32x4(v));
    p1 = f64x2.mul(p1, promoteHigh(v));
  }
  p0 = f64x2.mul(p0, p1);
  let acc = f64x2.extract_lane(p0, 0) * f64x2.extract_lane(p0, 1);
  for (; i < n; i++) acc *= <f64>load<f32>(p + (<usize>i << 2));
  return acc;
}

/** out[o, i] = prod over k of x[o, k, i] (inner == 1: contiguous rows). */
export function reduce_prod_f32(x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  if (inner == 1) {
    for (let o = 0; o < outer; o++) {
      store<f32>(out + (<usize>o << 2), <f32>prodRowF32(x + ((<usize>o * <usize>n) << 2), n));
    }
    return;
  }
  const rowBytes = <usize>inner << 2;
  for (let o = 0; o < outer; o++) {
    const base = x + <usize>o * <usize>n * rowBytes;
    const dst = out + <usize>o * rowBytes;
    let i = 0;
    for (; i + 2 <= inner; i += 2) {
      let q = base + (<usize>i << 2);
      let acc = f64x2.splat(1);
      for (let k = 0; k < n; k++) {
        acc = f64x2.mul(acc, f64x2.promote_low_f32x4(v128.load64_zero(q)));
        q += rowBytes;
      }
      v128.store64_lane(dst + (<usize>i << 2), f32x4.demote_f64x2_zero(acc), 0);
    }
    for (; i < inner; i++) {
      let q = base + (<usize>i << 2);
      let acc: f64 = 1;
      for (let k = 0; k < n; k++) {
        acc *= <f64>load<f32>(q);
        q += rowBytes;
      }
      store<f32>(dst + (<usize>i << 2), <f32>acc);
    }
  }
}
