// Kernels of the 'gemm' family: matrix products for BatchMatMul and _FusedMatMul, and the SIMD peak probe.
// A product takes its epilogue with the call (activation code, see epilogue.ts; leaky-relu alpha; bias and
// prelu weights as pointer, row stride, column stride in bytes, pointer 0 = none) and a scratch block the
// caller allocates (<kernel>_scratch_bytes bytes), which starts with the call's epilogue block and then holds
// the packing buffers: a kernel never allocates, so any thread may run it, and each call's result depends on
// its arguments only. A product of a share of C is the same call with the pointers offset to the share.
import { EPILOGUE_BYTES, writeEpilogue } from './epilogue';
import { gemm, gemmScratchBytes } from './gemm';
import { gemv } from './gemv';
import { GEMV_PANEL, gemvPacked, gemvPackedBytes, packGemvPanels } from './gemv_packed';
import { peakLoop } from './peak';

/** Bytes of the scratch block gemm_f32 needs for products of up to n columns. */
export function gemm_f32_scratch_bytes(n: i32): usize {
  return EPILOGUE_BYTES + gemmScratchBytes(n);
}

/**
 * C = epilogue(A·B) with strides (elements) that express any transpose. Returns 0, or 1 (nothing done) when
 * the scratch block holds fewer than gemm_f32_scratch_bytes(n) bytes.
 */
export function gemm_f32(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32,
  activation: i32, alpha: f32, bias: usize, biasRs: usize, biasCs: usize, prelu: usize, preluRs: usize, preluCs: usize,
  scratch: usize, scratchBytes: usize,
): i32 {
  if (scratchBytes < gemm_f32_scratch_bytes(n)) return 1;
  const e = writeEpilogue(scratch, activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs);
  gemm(e, m, n, k, a, rsA, csA, b, rsB, csB, c, ldc, scratch + EPILOGUE_BYTES);
  return 0;
}

/**
 * gemm_f32 with B packed whole beforehand (gemm_pack_panels_f32 over every KC slice, the layout of tiles.ts)
 * at `packedB`: the same values, bit for bit, without packing B (b and its strides are unused). gemm_f32's
 * arguments and scratch, then packedB.
 */
export function gemm_prepacked_f32(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32,
  activation: i32, alpha: f32, bias: usize, biasRs: usize, biasCs: usize, prelu: usize, preluRs: usize, preluCs: usize,
  scratch: usize, scratchBytes: usize, packedB: usize,
): i32 {
  if (scratchBytes < gemm_f32_scratch_bytes(n)) return 1;
  const e = writeEpilogue(scratch, activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs);
  gemm(e, m, n, k, a, rsA, csA, b, rsB, csB, c, ldc, scratch + EPILOGUE_BYTES, packedB);
  return 0;
}

/** Bytes of the scratch block gemm_prepacked_f32 needs for products of up to n columns (gemm_f32's). */
export function gemm_prepacked_f32_scratch_bytes(n: i32): usize {
  return gemm_f32_scratch_bytes(n);
}

/** Bytes of the scratch block gemm_gemv_f32 needs (a layout the unpacked kernels do not cover runs on the GEMM). */
export function gemm_gemv_f32_scratch_bytes(n: i32): usize {
  return gemm_f32_scratch_bytes(n);
}

/**
 * gemm_f32 without packing (assembly/gemm/gemv.ts; the caller sends products with few rows of A, or N = 1),
 * falling back to the GEMM for a layout those kernels do not cover.
 */
export function gemm_gemv_f32(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32,
  activation: i32, alpha: f32, bias: usize, biasRs: usize, biasCs: usize, prelu: usize, preluRs: usize, preluCs: usize,
  scratch: usize, scratchBytes: usize,
): i32 {
  if (scratchBytes < gemm_f32_scratch_bytes(n)) return 1;
  const e = writeEpilogue(scratch, activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs);
  if (!gemv(e, m, n, k, a, rsA, csA, b, rsB, csB, c, ldc)) {
    gemm(e, m, n, k, a, rsA, csA, b, rsB, csB, c, ldc, scratch + EPILOGUE_BYTES);
  }
  return 0;
}

/** Bytes of B (k × n) packed for gemm_gemv_packed_f32. */
export function gemm_gemv_pack_f32_bytes(n: i32, k: i32): usize {
  return gemvPackedBytes(n, k);
}

/** Packs B (k × n, row p at b + p·rsB elements, contiguous columns) at dst for gemm_gemv_packed_f32. */
export function gemm_gemv_pack_f32(n: i32, k: i32, b: usize, rsB: i32, dst: usize): void {
  packGemvPanels(n, k, b, <usize>rsB * 4, dst);
}

/**
 * Bytes of the scratch block gemm_gemv_packed_f32 needs: the epilogue, and sums of a partial panel (whatever
 * n is; it takes n as every product's scratch size does).
 */
export function gemm_gemv_packed_f32_scratch_bytes(n: i32): usize {
  return EPILOGUE_BYTES + <usize>GEMV_PANEL * 4;
}

/**
 * Row 0 of C (n wide) = epilogue(A·B) for one row of A (m = 1, element p at a + p·csA) and B packed by
 * gemm_gemv_pack_f32 at `packedB`: gemm_gemv_f32's result bit for bit. gemm_f32's arguments (B's, rsA and ldc
 * unused) and scratch, then packedB. Returns 0, or 1 (nothing done) when the scratch block is too small.
 */
export function gemm_gemv_packed_f32(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32,
  activation: i32, alpha: f32, bias: usize, biasRs: usize, biasCs: usize, prelu: usize, preluRs: usize, preluCs: usize,
  scratch: usize, scratchBytes: usize, packed: usize,
): i32 {
  if (scratchBytes < gemm_gemv_packed_f32_scratch_bytes(n)) return 1;
  const e = writeEpilogue(scratch, activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs);
  gemvPacked(e, n, k, a, <usize>csA * 4, packed, 0, c, scratch + EPILOGUE_BYTES);
  return 0;
}

/**
 * gemm_gemv_packed_f32 on the columns of C from panel `firstPanel` of the packing on, the packing's address and
 * that panel before the scratch block, as a thread pool's share is called (its arguments, then the scratch the
 * pool appends): a run of whole panels of a split product (c, bias and prelu already at its first column).
 */
export function gemm_gemv_packed_share_f32(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32,
  activation: i32, alpha: f32, bias: usize, biasRs: usize, biasCs: usize, prelu: usize, preluRs: usize, preluCs: usize,
  packed: usize, firstPanel: i32, scratch: usize, scratchBytes: usize,
): i32 {
  if (scratchBytes < gemm_gemv_packed_f32_scratch_bytes(n)) return 1;
  const e = writeEpilogue(scratch, activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs);
  gemvPacked(e, n, k, a, <usize>csA * 4, packed, firstPanel, c, scratch + EPILOGUE_BYTES);
  return 0;
}

/** Runs the register-resident peak loop (96 flops per iteration); the result only defeats dead-code removal. */
export function gemm_simd_peak(iterations: i32): f32 {
  return peakLoop(iterations, 1);
}

export {
  gemm_tiles_f32,
  gemm_tiles_f32_scratch_bytes,
  gemm_tiles_private_f32,
  gemm_tiles_private_f32_scratch_bytes,
  gemm_tiles_publish_f32,
  gemm_pack_panels_f32,
} from './tiles';
