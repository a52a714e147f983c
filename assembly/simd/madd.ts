// c + a·b on four float32 lanes: one fused instruction (one rounding) in the relaxed-SIMD build, a multiply and
// an add otherwise. ASC_FEATURE_RELAXED_SIMD is a compile-time constant, so each build keeps one branch only.
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}
