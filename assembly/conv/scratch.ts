// Module-lifetime scratch buffers (grown on demand, never shrunk): the patch matrix of one chunk of
// output pixels, and a partial filter gradient.

let patches: usize = 0;
let patchesBytes: usize = 0;
let partial: usize = 0;
let partialBytes: usize = 0;

/** Floats of patch matrix kept per chunk: 64 Ki floats (256 KiB) stay in L2 between im2col and the GEMM. */
const CHUNK_FLOATS: i32 = 65536;
/** At least this many rows per chunk, so that each GEMM call amortises packing the filter. */
const MIN_CHUNK_ROWS: i32 = 128;

/** Output pixels per chunk for patches of `length` floats. */
export function chunkRows(length: i32): i32 {
  return max(MIN_CHUNK_ROWS, CHUNK_FLOATS / max(length, 1));
}

/** A buffer of at least `floats` floats for patch rows. */
export function patchBuffer(floats: i32): usize {
  const bytes = partialBytesFor(floats);
  if (bytes > patchesBytes) {
    if (patches != 0) heap.free(patches);
    patches = heap.alloc(bytes);
    patchesBytes = bytes;
  }
  return patches;
}

/** A buffer of at least `floats` floats for a partial sum. */
export function partialBuffer(floats: i32): usize {
  const bytes = partialBytesFor(floats);
  if (bytes > partialBytes) {
    if (partial != 0) heap.free(partial);
    partial = heap.alloc(bytes);
    partialBytes = bytes;
  }
  return partial;
}

/** Threads: hands an instance that must not allocate its patch and partial-sum buffers. */
export function useConvScratch(patchesAt: usize, patchesSize: usize, partialAt: usize, partialSize: usize): void {
  patches = patchesAt;
  patchesBytes = patchesSize;
  partial = partialAt;
  partialBytes = partialSize;
}

/** Bytes patchBuffer is asked for by a convolution of m output pixels and patches of `length` floats. */
export function patchBytesFor(m: i32, length: i32): usize {
  return partialBytesFor(min(chunkRows(length), m) * length);
}

/** Bytes of a buffer of `floats` floats (patchBuffer, partialBuffer). */
export function partialBytesFor(floats: i32): usize {
  return <usize>max(floats, 4) << 2;
}
