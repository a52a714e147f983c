// e^x on four float32 lanes. Range reduction x = k·ln2 + r with |r| <= ln2/2 (ln 2 in two parts, Cody-Waite),
// e^r by Cephes' expf polynomial, times 2^k built in the exponent bits: about 1 ulp on normal results, NaN in
// gives NaN out, overflow gives +Infinity and underflow 0 exactly where the float32 result does
// (test/unit/prob_math.test.mjs checks the whole float32 range, reduce_softmax.test.mjs and
// elementwise_accuracy.test.mjs the kernels that use it).
import { madd } from '../simd/madd';
import { lane0 } from '../simd/lanes';
import { LN2_HI, LN2_LO, LOG2E } from './constants';

/** 1.5·2^23: adding it rounds a float32 below 2^22 to an integer, held in the low mantissa bits. */
const ROUNDING_SHIFT: f32 = 12582912.0;

/** 2^k for integer lanes k in [-126, 127], built from the exponent bits: (k + 127) << 23, written as
 * (k << 23) + bits of 1.0 so that it shares the constant 1.0 with the polynomial (one register fewer). */
// @ts-ignore: decorator
@inline export function pow2i(k: v128): v128 {
  return i32x4.add(i32x4.shl(k, 23), f32x4.splat(1.0));
}

/** x·log2(e) + 1.5·2^23: rounding to an integer k by the add, which also leaves k in the low mantissa bits (an
 * int32 without a float-to-int conversion, slow on x86). */
// @ts-ignore: decorator
@inline export function expShift(x: v128): v128 {
  return madd(x, f32x4.splat(LOG2E), f32x4.splat(ROUNDING_SHIFT));
}

/** k of `shifted` as int32 lanes. */
// @ts-ignore: decorator
@inline export function expExponent(shifted: v128): v128 {
  return i32x4.sub(shifted, f32x4.splat(ROUNDING_SHIFT));
}

/** e^(x − k·ln 2) for shifted = expShift(x): the part of e^x left after the power of two. */
// @ts-ignore: decorator
@inline export function expReduced(x: v128, shifted: v128): v128 {
  const k = f32x4.sub(shifted, f32x4.splat(ROUNDING_SHIFT));
  // k·LN2_HI is exact, so fusing changes only the rounding of the small LN2_LO correction.
  const r = madd(k, f32x4.splat(-LN2_LO), madd(k, f32x4.splat(-LN2_HI), x));
  // e^r = 1 + r + r²·P(r), P of degree 5 evaluated in Estrin's scheme (pairs, then powers of r²): the
  // dependency chain is half Horner's, which is what bounds a loop of exps.
  const r2 = f32x4.mul(r, r);
  const p01 = madd(f32x4.splat(1.6666665459e-1), r, f32x4.splat(5.0000001201e-1));
  const p23 = madd(f32x4.splat(8.3334519073e-3), r, f32x4.splat(4.1665795894e-2));
  const p45 = madd(f32x4.splat(1.9875691500e-4), r, f32x4.splat(1.3981999507e-3));
  const p = madd(madd(p45, r2, p23), r2, p01);
  return f32x4.add(madd(p, r2, r), f32x4.splat(1.0));
}

/** e^x per lane. */
// @ts-ignore: decorator
@inline export function expV(x: v128): v128 {
  // Past these bounds the float32 result is 0 or +Infinity; clamping keeps 2^k representable. pmax/pmin
  // (one instruction each on x86, unlike max/min) return their first operand when it is NaN: NaN passes.
  x = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-104.0)), f32x4.splat(89.0));
  const shifted = expShift(x);
  const y = expReduced(x, shifted);
  // Scale by 2^k in two halves: k spans [-150, 128], beyond what one exponent field holds. (Multiplying,
  // not adding k to the exponent bits: a NaN would not survive the integer add.)
  const ki = expExponent(shifted);
  const k1 = i32x4.shr_s(ki, 1);
  const k2 = i32x4.sub(ki, k1);
  return f32x4.mul(f32x4.mul(y, pow2i(k1)), pow2i(k2));
}

/** e^x of one value, by the vector code (so that a loop's tail matches its body). */
// @ts-ignore: decorator
@inline export function expScalar(x: f32): f32 {
  return lane0(expV(f32x4.splat(x)));
}
