// Operands that are per element (rows × cols) or per feature (cols, shared by every row).
import { F32_BYTES, loadLanes, storeLanes } from '../simd/lanes';

/** Writes a per-element gradient, or adds a row's contribution to a per-feature one. */
// @ts-ignore: decorator
@inline export function storeOrAccumulate(ptr: usize, value: v128, perElement: i32, lanes: i32): void {
  storeLanes(ptr, perElement != 0 ? value : f32x4.add(loadLanes(ptr, lanes), value), lanes);
}

/** Byte offset of row `row` in an operand that is per element (rows × cols) or per feature (cols). */
// @ts-ignore: decorator
@inline export function rowOffset(perElement: i32, row: i32, cols: i32): usize {
  return perElement != 0 ? <usize>row * <usize>cols * F32_BYTES : 0;
}
