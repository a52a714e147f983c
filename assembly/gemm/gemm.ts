// C = A·B (M × N, row stride ldc) by BLIS-style cache blocking: B is packed in blocks of KC × NC
// (kept in L2/L3), A in blocks of MC × KC (kept in L2), and the macro-kernel sweeps the micro-kernel
// over them. Element (i, k) of A is at a + i·rsA + k·csA and (k, j) of B at b + k·rsB + j·csB (strides in
// elements), so transposed operands are read in place by the packing routines.
import { Epilogue, finishScalar, hasEpilogue } from './epilogue';
import { macroKernel } from './macrokernel';
import { MR, NR } from './microkernel';
import { packPanels } from './pack';

/** Depth of a block: a KC × NR panel of B (8 KiB) stays in L1 while a tile sweeps it. */
export const KC: i32 = 256;
/** Rows of A per block (a multiple of MR): MC × KC floats (128 KiB) stay in L2. */
export const MC: i32 = 128;
/** Columns of B per block (a multiple of NR). */
export const NC: i32 = 2048;

/** Bytes of B packing buffer a product of n columns needs. */
function packedBBytesFor(n: i32): usize {
  const ncMax = min(n, NC);
  return <usize>((ncMax + NR - 1) / NR * NR) * <usize>KC * 4;
}

// The packing buffers and the edge tile come from the caller's scratch block, in this order: packed A (one
// MC × KC block), the edge tile (MR × NR), packed B (one KC × NC block). A kernel never allocates: a worker
// instance shares the main thread's memory, whose allocator it must not touch.
const A_BYTES: usize = <usize>(MC * KC * 4);
const EDGE_BYTES: usize = <usize>(MR * NR * 4);

/** Bytes of the buffers gemm() needs for products of up to n columns. */
export function gemmScratchBytes(n: i32): usize {
  return A_BYTES + EDGE_BYTES + packedBBytesFor(n);
}

/** Bytes of one KC block of B packed whole (every panel of n columns; see tiles.ts for the layout). */
function wholeBlockBytes(n: i32): usize {
  return <usize>((n + NR - 1) / NR * NR) * <usize>KC * 4;
}

/**
 * C = e(A·B), with the packing buffers at `scratch` (gemmScratchBytes(n) bytes). With `packedB` (not 0), B
 * comes packed whole, as tiles.ts lays it out (b and its strides are then unused): a constant B (the weights
 * of a model) is packed once, not on every product.
 */
export function gemm(
  e: Epilogue, m: i32, n: i32, k: i32,
  a: usize, rsA: i32, csA: i32,
  b: usize, rsB: i32, csB: i32,
  c: usize, ldc: i32, scratch: usize, packedB: usize = 0,
): void {
  if (m == 0 || n == 0) return;
  const ldcBytes = <usize>ldc * 4;
  if (k == 0) {
    fillFinished(e, m, n, c, ldcBytes);
    return;
  }
  const packedA = scratch;
  const edgeTile = scratch + A_BYTES;
  const blockB = edgeTile + EDGE_BYTES;
  const finishing = hasEpilogue(e);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0, p = 0; pc < k; pc += KC, p++) {
      const depth = min(KC, k - pc);
      const last = pc + depth >= k;
      let pb = blockB;
      if (packedB != 0) {
        // Block p of the whole packing, from column jc (a panel edge: NC is a multiple of NR).
        pb = packedB + <usize>p * wholeBlockBytes(n) + <usize>jc * <usize>depth * 4;
      } else {
        packPanels(pb, b + (<usize>pc * <usize>rsB + <usize>jc * <usize>csB) * 4,
          nc, depth, <usize>csB * 4, <usize>rsB * 4, NR);
      }
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packPanels(packedA, a + (<usize>ic * <usize>rsA + <usize>pc * <usize>csA) * 4,
          mc, depth, <usize>rsA * 4, <usize>csA * 4, MR);
        macroKernel(mc, nc, depth, packedA, pb, edgeTile, c + <usize>ic * ldcBytes + <usize>jc * 4,
          ldcBytes, pc > 0, last && finishing, e, ic, jc);
      }
    }
  }
}

/** An empty sum (k = 0): every output is the epilogue applied to zero. */
function fillFinished(e: Epilogue, m: i32, n: i32, c: usize, ldc: usize): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) store<f32>(c + <usize>i * ldc + <usize>j * 4, finishScalar(e, 0, i, j));
  }
}
