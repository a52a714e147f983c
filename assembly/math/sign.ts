// Sign-bit manipulation shared by the odd functions (tanh, erf).

const SIGN_MASK: i32 = 0x80000000;

/** A non-negative magnitude given the sign bit of x, lane by lane (a NaN magnitude stays NaN). */
// @ts-ignore: decorator
@inline export function withSignOf(magnitude: v128, x: v128): v128 {
  return v128.or(magnitude, v128.and(x, i32x4.splat(SIGN_MASK)));
}
