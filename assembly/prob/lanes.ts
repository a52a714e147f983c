// Loads and stores of either a full vector (4 lanes) or one scalar in lane 0, so that a loop's tail
// runs the same vector code as its body, one element at a time.
import { lane0 } from './math';

export const F32: usize = 4;

// @ts-ignore: decorator
@inline export function loadLanes(ptr: usize, lanes: i32): v128 {
  return lanes == 4 ? v128.load(ptr) : f32x4.splat(load<f32>(ptr));
}

// @ts-ignore: decorator
@inline export function storeLanes(ptr: usize, value: v128, lanes: i32): void {
  if (lanes == 4) v128.store(ptr, value);
  else store<f32>(ptr, lane0(value));
}

/** Writes a per-element gradient, or adds a row's contribution to a per-feature one. */
// @ts-ignore: decorator
@inline export function storeOrAccumulate(ptr: usize, value: v128, perElement: i32, lanes: i32): void {
  storeLanes(ptr, perElement != 0 ? value : f32x4.add(loadLanes(ptr, lanes), value), lanes);
}

/** Byte offset of row `row` in an operand that is per element (rows × cols) or per feature (cols). */
// @ts-ignore: decorator
@inline export function rowOffset(perElement: i32, row: i32, cols: i32): usize {
  return perElement != 0 ? <usize>row * <usize>cols * F32 : 0;
}

/** Lanes that hold data: 4 in the body, 1 past the last multiple of 4; masks the unused lanes' sums. */
// @ts-ignore: decorator
@inline export function validLanes(value: v128, lanes: i32): v128 {
  return lanes == 4 ? value : f32x4.replace_lane(f32x4.splat(0), 0, lane0(value));
}
