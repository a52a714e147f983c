// Geometry of a strided copy, written by the caller before each call: for each dimension k,
// three i32 words (extent, source stride in bytes, destination stride in bytes). Strides may be
// negative (reversals); pointer arithmetic wraps modulo 2^32, so signed offsets add correctly.

export const MAX_DIMS: i32 = 64;
export const WORDS_PER_DIM: i32 = 3;

const PARAMS: usize = memory.data(MAX_DIMS * WORDS_PER_DIM * 4, 16);
const COUNTERS: usize = memory.data(MAX_DIMS * 4, 16);

/** Where the caller writes the geometry of the next strided copy (MAX_DIMS × 3 i32 words). */
export function layout_params(): usize {
  return PARAMS;
}

@inline export function extentOf(k: i32): i32 {
  return load<i32>(PARAMS + <usize>(k * WORDS_PER_DIM) * 4);
}

@inline export function srcStrideOf(k: i32): i32 {
  return load<i32>(PARAMS + <usize>(k * WORDS_PER_DIM + 1) * 4);
}

@inline export function dstStrideOf(k: i32): i32 {
  return load<i32>(PARAMS + <usize>(k * WORDS_PER_DIM + 2) * 4);
}

/** Odometer digits of the outer dimensions of a copy in progress. */
@inline export function counterAt(k: i32): usize {
  return COUNTERS + <usize>k * 4;
}
