// Tensor storage: a real allocator (the TLSF of the AssemblyScript runtime), so that freed blocks are reused.
// Blocks are 16-byte aligned, which v128 loads and stores prefer.

export function memory_alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

export function memory_free(ptr: usize): void {
  heap.free(ptr);
}

/** Copies `bytes` bytes; the regions may overlap. */
export function memory_copy(dst: usize, src: usize, bytes: usize): void {
  memory.copy(dst, src, bytes);
}

/** Sets `bytes` bytes at `dst` to zero. */
export function memory_zero(dst: usize, bytes: usize): void {
  memory.fill(dst, 0, bytes);
}

/** Sets `bytes` bytes at `dst` to `value` (the guarded memory's red-zone pattern). */
export function memory_fill_bytes(dst: usize, value: u8, bytes: usize): void {
  memory.fill(dst, value, bytes);
}

/** Address of the first byte in [start, end) that is not `value`, or -1: sixteen bytes per compare. */
export function memory_first_byte_not(start: usize, end: usize, value: u8): isize {
  const pattern = i8x16.splat(<i8>value);
  let at = start;
  for (; at + 16 <= end; at += 16) {
    if (!v128.all_true<i8>(i8x16.eq(v128.load(at), pattern))) break;
  }
  for (; at < end; at++) {
    if (load<u8>(at) != value) return <isize>at;
  }
  return -1;
}
