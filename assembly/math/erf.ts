// tfjs' erf on four float32 lanes: Abramowitz-Stegun 7.1.26, the formula tfjs-backend-cpu evaluates.
import { choose, splatF } from '../simd/lanes';
import { madd } from '../simd/madd';
import { expV } from './exp';
import { withSignOf } from './sign';

/** Below this |x|, erf's float32 formula subtracts nearly equal numbers: lanes there are evaluated in float64. */
const ERF_CANCELLATION_BOUND: f32 = 0.5;

/**
 * Near 0 the result is 1 − (a value close to 1): in float32 that leaves a few ulps of 1 (3e-7) of absolute
 * error, which is most of the value for |x| < 1e-6, so there the whole vector is computed in float64 as the
 * cpu does.
 */
// @ts-ignore: decorator
@inline export function erfV(x: v128): v128 {
  const v = f32x4.abs(x);
  if (v128.any_true(f32x4.lt(v, splatF(ERF_CANCELLATION_BOUND)))) return erfLanesF64(x);
  const t = f32x4.div(splatF(1.0), madd(v, splatF(0.3275911), splatF(1.0)));
  let p = splatF(1.061405429);
  p = madd(p, t, splatF(-1.453152027));
  p = madd(p, t, splatF(1.421413741));
  p = madd(p, t, splatF(-0.284496736));
  p = madd(p, t, splatF(0.254829592));
  const tail = f32x4.mul(f32x4.mul(p, t), expV(f32x4.neg(f32x4.mul(v, v))));
  const magnitude = f32x4.sub(splatF(1.0), tail);
  // sign(x) · magnitude: NaN stays NaN, and erf(0) = 0.
  return choose(f32x4.eq(x, splatF(0)), x, withSignOf(magnitude, x));
}

function erfLanesF64(x: v128): v128 {
  let r = f32x4.splat(erfF64(f32x4.extract_lane(x, 0)));
  r = f32x4.replace_lane(r, 1, erfF64(f32x4.extract_lane(x, 1)));
  r = f32x4.replace_lane(r, 2, erfF64(f32x4.extract_lane(x, 2)));
  return f32x4.replace_lane(r, 3, erfF64(f32x4.extract_lane(x, 3)));
}

/** The same formula in float64, term for term as tfjs-backend-cpu writes it, rounded once to float32. */
function erfF64(xf: f32): f32 {
  const x = <f64>xf;
  if (x == 0 || isNaN(x)) return xf;
  const v = Math.abs(x);
  const t = 1.0 / (1.0 + 0.3275911 * v);
  const poly = ((((1.061405429 * t + -1.453152027) * t + 1.421413741) * t + -0.284496736) * t + 0.254829592) * t;
  const magnitude = 1.0 - poly * Math.exp(-v * v);
  return <f32>(x < 0 ? -magnitude : magnitude);
}
