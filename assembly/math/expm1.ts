// e^x − 1 on four float32 lanes, without the cancellation of e^x − 1 near 0.
import { choose, splatF } from '../simd/lanes';
import { madd } from '../simd/madd';
import { expV } from './exp';

// @ts-ignore: decorator
@inline export function expm1V(x: v128): v128 {
  // Near 0, e^x - 1 cancels: use the Taylor series there (|x| < 0.5, 10 terms, error < 0.1 ulp).
  let p = splatF(<f32>(1.0 / 362880.0));
  p = madd(p, x, splatF(<f32>(1.0 / 40320.0)));
  p = madd(p, x, splatF(<f32>(1.0 / 5040.0)));
  p = madd(p, x, splatF(<f32>(1.0 / 720.0)));
  p = madd(p, x, splatF(<f32>(1.0 / 120.0)));
  p = madd(p, x, splatF(<f32>(1.0 / 24.0)));
  p = madd(p, x, splatF(<f32>(1.0 / 6.0)));
  p = madd(p, x, splatF(0.5));
  const series = madd(p, f32x4.mul(x, x), x);
  const small = f32x4.lt(f32x4.abs(x), splatF(0.5));
  return choose(small, series, f32x4.sub(expV(x), splatF(1.0)));
}
