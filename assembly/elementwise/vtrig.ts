// Vectorised sin and cos of float32 lanes, evaluated in float64 (two lanes at a time): Cody-Waite
// reduction by pi/2 and fdlibm's kernel polynomials, so that results are the float64 value rounded
// to float32, like tfjs-backend-cpu's Math.sin / Math.cos. Lanes beyond the reduction's exact range
// (and NaN, ±Infinity) take the scalar path.
import { perLane, SCALAR_COS, SCALAR_SIN } from './scalar';

// pi/2 = PIO2_1 + PIO2_1T, PIO2_1 with 33 significant bits, so n * PIO2_1 is exact for |n| < 2^20.
const PIO2_1: f64 = 1.57079632673412561417e+00;
const PIO2_1T: f64 = 6.07710050650619224932e-11;
const TWO_OVER_PI: f64 = 6.36619772367581382433e-01;
/** |x| below this keeps the quadrant count under 2^19. */
const REDUCTION_LIMIT: f32 = 500000.0;

@inline function splatD(x: f64): v128 {
  return f64x2.splat(x);
}

@inline function fma2(a: v128, b: v128, c: v128): v128 {
  return f64x2.add(f64x2.mul(a, b), c);
}

/** sin(x) on two float64 lanes (quadrantShift 0) or cos(x) (quadrantShift 1). */
@inline function sinCos2(x: v128, quadrantShift: i32): v128 {
  const n = f64x2.nearest(f64x2.mul(x, splatD(TWO_OVER_PI)));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(n, splatD(PIO2_1))), f64x2.mul(n, splatD(PIO2_1T)));
  const z = f64x2.mul(r, r);
  // fdlibm __kernel_sin and __kernel_cos on |r| <= pi/4.
  let s = splatD(1.58969099521155010221e-10);
  s = fma2(s, z, splatD(-2.50507602534068634195e-08));
  s = fma2(s, z, splatD(2.75573137070700676789e-06));
  s = fma2(s, z, splatD(-1.98412698298579493134e-04));
  s = fma2(s, z, splatD(8.33333333332248946124e-03));
  s = fma2(s, z, splatD(-1.66666666666666324348e-01));
  const sinR = fma2(f64x2.mul(r, z), s, r);
  let c = splatD(-1.13596475577881948265e-11);
  c = fma2(c, z, splatD(2.08757232129817482790e-09));
  c = fma2(c, z, splatD(-2.75573143513906633035e-07));
  c = fma2(c, z, splatD(2.48015872894767294178e-05));
  c = fma2(c, z, splatD(-1.38888888888741095749e-03));
  c = fma2(c, z, splatD(4.16666666666666019037e-02));
  const cosR = fma2(f64x2.mul(z, z), c, fma2(z, splatD(-0.5), splatD(1.0)));
  // Quadrant q: sin x = sin r, cos r, -sin r, -cos r for q = 0..3; cos x is sin of quadrant q + 1.
  const q = i64x2.add(i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(n)), i64x2.splat(quadrantShift));
  const useCos = i64x2.ne(v128.and(q, i64x2.splat(1)), i64x2.splat(0));
  const sign = i64x2.shl(v128.and(q, i64x2.splat(2)), 62);
  return v128.xor(v128.bitselect(cosR, sinR, useCos), sign);
}

/** sin (quadrantShift 0) or cos (1) of four float32 lanes. */
@inline export function vsinCos(x: v128, quadrantShift: i32): v128 {
  if (!i32x4.all_true(f32x4.lt(f32x4.abs(x), f32x4.splat(REDUCTION_LIMIT)))) {
    return perLane(quadrantShift == 0 ? SCALAR_SIN : SCALAR_COS, x, x);
  }
  const low = sinCos2(f64x2.promote_low_f32x4(x), quadrantShift);
  const high = sinCos2(f64x2.promote_low_f32x4(i64x2.shuffle(x, x, 1, 1)), quadrantShift);
  return i64x2.shuffle(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 2);
}
