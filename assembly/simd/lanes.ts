// Loads, stores and splats of float32 lanes. A loop's tail runs the vector code of its body on one value at a
// time (`lanes` 1: the value splat on load, lane 0 stored), so that body and tail share their numerics.

/** Bytes of one float32 value: the stride of float32 arrays in memory. */
export const F32_BYTES: usize = 4;

/** Four values from ptr (lanes 4), or the one at ptr in every lane (lanes 1). */
// @ts-ignore: decorator
@inline export function loadLanes(ptr: usize, lanes: i32): v128 {
  return lanes == 4 ? v128.load(ptr) : f32x4.splat(load<f32>(ptr));
}

/** Stores the four lanes (lanes 4), or lane 0 alone (lanes 1). */
// @ts-ignore: decorator
@inline export function storeLanes(ptr: usize, value: v128, lanes: i32): void {
  if (lanes == 4) v128.store(ptr, value);
  else store<f32>(ptr, lane0(value));
}

/** Lane 0 of a vector: where a loop's tail ran the vector code on a splat. */
// @ts-ignore: decorator
@inline export function lane0(v: v128): f32 {
  return f32x4.extract_lane(v, 0);
}

/** Lanes that hold data: 4 in the body, 1 past the last multiple of 4; zeroes the unused lanes before a sum. */
// @ts-ignore: decorator
@inline export function validLanes(value: v128, lanes: i32): v128 {
  return lanes == 4 ? value : f32x4.replace_lane(f32x4.splat(0), 0, lane0(value));
}

/** x in every lane. */
// @ts-ignore: decorator
@inline export function splatF(x: f32): v128 {
  return f32x4.splat(x);
}

/** Lanes of `ifTrue` where `mask` is set, else of `ifFalse`. */
// @ts-ignore: decorator
@inline export function choose(mask: v128, ifTrue: v128, ifFalse: v128): v128 {
  return v128.bitselect(ifTrue, ifFalse, mask);
}

/** The upper two float32 lanes of v as f64x2 (f64x2.promote_low_f32x4 gives the lower two). */
// @ts-ignore: decorator
@inline export function promoteHigh(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<i32>(v, v, 2, 3, 0, 1));
}
