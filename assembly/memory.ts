// Tensor storage: a real allocator (the TLSF of the AssemblyScript runtime), so that freed blocks are reused.
// Blocks are 16-byte aligned, which v128 loads and stores prefer.

export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

export function free(ptr: usize): void {
  heap.free(ptr);
}

/** Copies `bytes` bytes; the regions may overlap. */
export function copy(dst: usize, src: usize, bytes: usize): void {
  memory.copy(dst, src, bytes);
}

/** Sets `bytes` bytes at `dst` to zero. */
export function zero(dst: usize, bytes: usize): void {
  memory.fill(dst, 0, bytes);
}
