// How element-wise loops read and write memory, by dtype: 4 lanes at a time, or one lane (splat) for tails and
// broadcast scalars. float32 and int32 share 4-byte lanes; bool is one byte per element, widened to
// i32 lanes on load. Ops producing bool return lane masks (all ones / zero), stored as 1 / 0.

// dtype codes of the kernels' operands (not byte sizes: see elementBytes).
export const F32: i32 = 0;
export const I32: i32 = 1;
export const BOOL: i32 = 2;

@inline export function elementBytes(kind: i32): usize {
  return kind == BOOL ? 1 : 4;
}

@inline export function loadVec(kind: i32, ptr: usize): v128 {
  if (kind == BOOL) return i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(ptr)));
  return v128.load(ptr);
}

/** One element, repeated in every lane. */
@inline export function loadSplat(kind: i32, ptr: usize): v128 {
  if (kind == BOOL) return i32x4.splat(<i32>load<u8>(ptr));
  return v128.load32_splat(ptr);
}

@inline export function storeVec(kind: i32, ptr: usize, v: v128): void {
  if (kind == BOOL) {
    const ones = v128.and(v, i32x4.splat(1));
    const halves = i16x8.narrow_i32x4_u(ones, ones);
    const bytes = i8x16.narrow_i16x8_u(halves, halves);
    v128.store32_lane(ptr, bytes, 0);
  } else {
    v128.store(ptr, v);
  }
}

/** Stores lane 0 only. */
@inline export function storeLane(kind: i32, ptr: usize, v: v128): void {
  if (kind == BOOL) store<u8>(ptr, <u8>(i32x4.extract_lane(v, 0) & 1));
  else v128.store32_lane(ptr, v, 0);
}
