// tanh on four float32 lanes.
import { choose, splatF } from '../simd/lanes';
import { madd } from '../simd/madd';
import { expV } from './exp';
import { withSignOf } from './sign';

// @ts-ignore: decorator
@inline export function tanhV(x: v128): v128 {
  const ax = f32x4.abs(x);
  // |x| < 0.625: odd minimax polynomial (Cephes tanhf).
  const z = f32x4.mul(x, x);
  let p = splatF(-5.70498872745e-3);
  p = madd(p, z, splatF(2.06390887954e-2));
  p = madd(p, z, splatF(-5.37397155531e-2));
  p = madd(p, z, splatF(1.33314422036e-1));
  p = madd(p, z, splatF(-3.33332819422e-1));
  const series = madd(f32x4.mul(p, z), x, x);
  // Otherwise 1 - 2 / (e^2|x| + 1), which saturates to 1 without overflow trouble.
  const e = expV(f32x4.add(ax, ax));
  const magnitude = f32x4.sub(splatF(1.0), f32x4.div(splatF(2.0), f32x4.add(e, splatF(1.0))));
  return choose(f32x4.lt(ax, splatF(0.625)), series, withSignOf(magnitude, x));
}
