// One thread's share of a product. Worker threads run their own instance of this module on the main
// thread's (shared) memory, and such an instance must never allocate: its TLSF root would be initialised
// again on top of the main thread's heap. So its packing buffers and edge tile are handed over by the main
// thread, in one scratch block, and the epilogue comes with the call (every instance has its own globals).
import { setEpilogue } from './epilogue';
import { gemm, KC, MC, packedBBytesFor, useScratch } from './gemm';
import { useEdgeTile } from './macrokernel';
import { MR, NR } from './microkernel';

const A_BYTES: usize = <usize>(MC * KC * 4);
const EDGE_BYTES: usize = <usize>(MR * NR * 4);

/** Bytes of the GEMM's buffers for products of up to n columns: packed A, edge tile, packed B. */
export function gemmScratchBytes(n: i32): usize {
  return A_BYTES + EDGE_BYTES + packedBBytesFor(n);
}

/** Points this instance's GEMM buffers into `scratch`, which holds `bytes` ≥ gemmScratchBytes(n). */
export function useGemmScratch(scratch: usize, bytes: usize): void {
  useEdgeTile(scratch + A_BYTES);
  useScratch(scratch, scratch + A_BYTES + EDGE_BYTES, bytes - A_BYTES - EDGE_BYTES);
}

/** Bytes of the scratch block a thread needs for a share of n columns. */
export function gemm_f32_share_scratch_bytes(n: i32): usize {
  return gemmScratchBytes(n);
}

/**
 * C = epilogue(A·B) for one share (a block of rows or columns, pointers already offset to it). With
 * scratch 0 the instance uses its own buffers (the main thread); else the scratch block, which must hold
 * gemm_f32_share_scratch_bytes(n) bytes. Returns 0, or 1 (nothing done) when the scratch is too small.
 */
export function gemm_f32_share(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32,
  activation: i32, alpha: f32, bias: usize, biasRs: usize, biasCs: usize, prelu: usize, preluRs: usize, preluCs: usize,
  scratch: usize, scratchBytes: usize,
): i32 {
  if (scratch != 0) {
    if (scratchBytes < gemmScratchBytes(n)) return 1;
    useGemmScratch(scratch, scratchBytes);
  }
  setEpilogue(activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs);
  gemm(m, n, k, a, rsA, csA, b, rsB, csB, c, ldc);
  return 0;
}
