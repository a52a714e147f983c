// The sum of a row of float32 values, accumulated in float64.
import { promoteHigh } from './lanes';

/**
 * Sum of n >= 1 contiguous float32 values, accumulated in f64 as tfjs-backend-cpu does (its running sum is a JS
 * number): the float32 result is then the correctly rounded sum in all but rare double-rounding cases, equal to
 * cpu's bit for bit, and finite terms whose float32 partial sums would overflow (3e38 + 3e38, halved by a mean)
 * stay finite. Four f64x2 accumulators hide the add latency.
 */
// @ts-ignore: decorator
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
