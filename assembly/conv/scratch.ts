// The scratch block of a convolution on the current geometry, which the caller allocates (a kernel never
// allocates): the GEMM's buffers, then the patch matrix of one chunk of output pixels, then a partial filter
// gradient (filter gradients over more than one chunk only). The GEMM's buffers start at the block itself.
import { gemmScratchBytes } from '../gemm/gemm';
import { isPointwise, outC, outPixels, patchLength } from './geometry';

/** Floats of patch matrix kept per chunk: 64 Ki floats (256 KiB) stay in L2 between im2col and the GEMM. */
const CHUNK_FLOATS: i32 = 65536;
/** At least this many rows per chunk, so that each GEMM call amortises packing the filter. */
const MIN_CHUNK_ROWS: i32 = 128;

/** Output pixels per chunk for patches of `length` floats. */
export function chunkRows(length: i32): i32 {
  return max(MIN_CHUNK_ROWS, CHUNK_FLOATS / max(length, 1));
}

/** Bytes of a buffer of `floats` floats. */
function floatBytes(floats: i32): usize {
  return <usize>max(floats, 4) << 2;
}

/** Widest GEMM of any kind on the current geometry: outC columns, or a patch row (input gradient). */
function gemmBytes(): usize {
  return gemmScratchBytes(max(outC, patchLength()));
}

function patchBytes(): usize {
  return isPointwise() ? 0 : floatBytes(min(chunkRows(patchLength()), outPixels()) * patchLength());
}

/** Whether a filter gradient on the current geometry sums chunks into a partial buffer. */
function needsPartial(): bool {
  return !isPointwise() && outPixels() > chunkRows(patchLength());
}

/** Bytes of the scratch block of a convolution (with the partial buffer of a filter gradient when `partial`). */
export function convScratchBytes(partial: bool): usize {
  return gemmBytes() + patchBytes() + (partial && needsPartial() ? floatBytes(patchLength() * outC) : 0);
}

/** The patch matrix in a convolution's scratch block. */
export function patchesIn(scratch: usize): usize {
  return scratch + gemmBytes();
}

/** The partial filter gradient in a convolution's scratch block. */
export function partialIn(scratch: usize): usize {
  return scratch + gemmBytes() + patchBytes();
}
