// Sets `count` elements to one bit pattern: `lo` for 1- and 4-byte elements, `hi:lo` for 8-byte ones.
import { fillPattern32, fillPattern64 } from './runs';

export function layout_fill(dst: usize, count: i32, elemBytes: i32, lo: i32, hi: i32): void {
  if (elemBytes == 1) memory.fill(dst, <u8>lo, <usize>count);
  else if (elemBytes == 4) fillPattern32(dst, count, <u32>lo);
  else fillPattern64(dst, count, (<u64>hi << 32) | <u64><u32>lo);
}
