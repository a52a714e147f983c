// The scratch block of a convolution, which the caller allocates (a kernel never allocates): the call's
// parameter blocks (geometry, then the GEMM's epilogue), then its buffers: the GEMM's, the patch matrix of
// one chunk of output pixels, and a partial filter gradient (filter gradients over more than one chunk only).
// Sizes depend on three numbers of the geometry: output pixels, patch length and output channels.
import { EPILOGUE_BYTES } from '../gemm/epilogue';
import { gemmScratchBytes } from '../gemm/gemm';
import { CONV_GEOMETRY_BYTES, ConvGeometry } from './geometry';

/** Bytes of a convolution call's parameter blocks: its geometry, then its epilogue. */
export const CONV_PARAMS_BYTES: usize = 128;

/** Floats of patch matrix kept per chunk: 64 Ki floats (256 KiB) stay in L2 between im2col and the GEMM. */
const CHUNK_FLOATS: i32 = 65536;
/** At least this many rows per chunk, so that each GEMM call amortises packing the filter. */
const MIN_CHUNK_ROWS: i32 = 128;

/** Output pixels per chunk for patches of `length` floats. */
export function chunkRows(length: i32): i32 {
  return max(MIN_CHUNK_ROWS, CHUNK_FLOATS / max(length, 1));
}

/** Chunks of output pixels a non-pointwise convolution's patch matrix is built in. */
export function patchChunks(pixels: i32, length: i32): i32 {
  const rows = chunkRows(length);
  return (pixels + rows - 1) / rows;
}

/** Bytes of a buffer of `floats` floats. */
function floatBytes(floats: i32): usize {
  return <usize>max(floats, 4) << 2;
}

/** Widest GEMM of any kind: outC columns, or a patch row (input gradient). */
function gemmBytes(length: i32, outC: i32): usize {
  return gemmScratchBytes(max(outC, length));
}

function patchBytes(pixels: i32, length: i32, pointwise: bool): usize {
  return pointwise ? 0 : floatBytes(min(chunkRows(length), pixels) * length);
}

/**
 * Bytes of the scratch block of a convolution of `pixels` output pixels, patches of `length` floats and
 * `outC` output channels, with the partial buffer of a filter gradient when `partial`.
 */
export function convScratchBytes(pixels: i32, length: i32, outC: i32, pointwise: bool, partial: bool): usize {
  const needsPartial = partial && !pointwise && pixels > chunkRows(length);
  return CONV_PARAMS_BYTES + gemmBytes(length, outC) + patchBytes(pixels, length, pointwise) +
    (needsPartial ? floatBytes(length * outC) : 0);
}

/** The epilogue block in a convolution's scratch block (after the geometry). */
export function epilogueIn(scratch: usize): usize {
  if (CONV_GEOMETRY_BYTES + EPILOGUE_BYTES > CONV_PARAMS_BYTES) ERROR('conv parameter blocks outgrew CONV_PARAMS_BYTES');
  return scratch + CONV_GEOMETRY_BYTES;
}

/** The GEMM's buffers in a convolution's scratch block. */
export function gemmBuffersIn(scratch: usize): usize {
  return scratch + CONV_PARAMS_BYTES;
}

/** The patch matrix in a convolution's scratch block. */
export function patchesIn(g: ConvGeometry, scratch: usize): usize {
  return gemmBuffersIn(scratch) + gemmBytes(g.patchLength(), g.outC);
}

/** The partial filter gradient in a convolution's scratch block. */
export function partialIn(g: ConvGeometry, scratch: usize): usize {
  return patchesIn(g, scratch) + patchBytes(g.outPixels(), g.patchLength(), g.isPointwise());
}
