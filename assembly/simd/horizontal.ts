// Reductions across the four float32 lanes of one vector.

/** Sum of the four lanes, in float32, lane 0 first. */
// @ts-ignore: decorator
@inline export function sumLanes(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) +
    f32x4.extract_lane(v, 3);
}

/** Sum of the four lanes, in float64 (for running totals kept in f64), lane 0 first. */
// @ts-ignore: decorator
@inline export function sumLanesF64(v: v128): f64 {
  return <f64>f32x4.extract_lane(v, 0) + <f64>f32x4.extract_lane(v, 1) +
    <f64>f32x4.extract_lane(v, 2) + <f64>f32x4.extract_lane(v, 3);
}

/** Largest of the four lanes; NaN if any lane is NaN. */
// @ts-ignore: decorator
@inline export function maxLanes(v: v128): f32 {
  return max(max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)),
    max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
}
