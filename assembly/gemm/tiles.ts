// A product split the BLIS way: A and B are packed once, into buffers every thread reads (the main thread
// allocates them in the shared memory), and the macro-kernel's loops are cut into many small rectangles of
// tiles that any thread may compute. Packing is itself cut into runs of panels (gemm_pack_panels_f32), so no
// thread repacks what another packed.
//
// Packed layout, for each operand: one block per KC slice of k (depth = min(KC, k - pc)), block p at
// p · linesPadded · KC floats; within a block, panel q (MR rows of A, or NR columns of B) at q · width · depth
// floats — exactly what gemm() packs for one slice, so each tile sums the same values in the same order as
// one thread: results are bit for bit gemm()'s.
import { EPILOGUE_BYTES, hasEpilogue, writeEpilogue } from './epilogue';
import { KC } from './gemm';
import { macroKernel } from './macrokernel';
import { MR, NR } from './microkernel';
import { packPanels } from './pack';

/** A thread's scratch block: the call's epilogue block, then one edge tile. */
const SCRATCH_BYTES: usize = EPILOGUE_BYTES + <usize>(MR * NR * 4);

/** Packs `len` lines (from the first panel of a run) of one KC slice: see pack.ts's packPanels. */
export function gemm_pack_panels_f32(
  dst: usize, src: usize, len: i32, depth: i32, lineStride: usize, depthStride: usize, width: i32,
): void {
  packPanels(dst, src, len, depth, lineStride, depthStride, width);
}

/** Bytes of the scratch block a thread needs for gemm_tiles_f32: the epilogue block and one edge tile. */
export function gemm_tiles_f32_scratch_bytes(): usize {
  return SCRATCH_BYTES;
}

/**
 * C[i0 .. i0+rows, j0 .. j0+cols] = epilogue(A·B) over all k, from packed A and B (layout above). Row
 * aRow of packed A is C's row i0, column bCol of packed B is C's column j0 (both on panel edges);
 * aBlockBytes / bBlockBytes: bytes of one full KC block of each. c is C's first element (ldc in
 * elements); the epilogue comes with the call and goes, with the edge tile, into the scratch block. Returns
 * 0, or 1 (nothing done) when the scratch is too small.
 */
export function gemm_tiles_f32(
  rows: i32, cols: i32, k: i32, i0: i32, j0: i32,
  packedA: usize, aRow: i32, aBlockBytes: usize, packedB: usize, bCol: i32, bBlockBytes: usize, c: usize, ldc: i32,
  activation: i32, alpha: f32, bias: usize, biasRs: usize, biasCs: usize, prelu: usize, preluRs: usize, preluCs: usize,
  scratch: usize, scratchBytes: usize,
): i32 {
  if (scratchBytes < SCRATCH_BYTES) return 1;
  const e = writeEpilogue(scratch, activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs);
  const edgeTile = scratch + EPILOGUE_BYTES;
  const finishing = hasEpilogue(e);
  const ldcBytes = <usize>ldc * 4;
  const block = c + <usize>i0 * ldcBytes + <usize>j0 * 4;
  for (let pc = 0, p = 0; pc < k; pc += KC, p++) {
    const depth = min(KC, k - pc);
    const pa = packedA + <usize>p * aBlockBytes + <usize>aRow * <usize>depth * 4;
    const pb = packedB + <usize>p * bBlockBytes + <usize>bCol * <usize>depth * 4;
    macroKernel(rows, cols, depth, pa, pb, edgeTile, block, ldcBytes, pc > 0, pc + depth >= k && finishing, e, i0, j0);
  }
  return 0;
}
