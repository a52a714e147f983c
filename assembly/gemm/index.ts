// Kernels of the 'gemm' family: matrix products for BatchMatMul and _FusedMatMul, and the SIMD peak probe.
import { clearEpilogue, setEpilogue } from './epilogue';
import { gemm } from './gemm';
import { gemv } from './gemv';
import { peakLoop } from './peak';

/** C = A·B with strides (elements) that express any transpose; no epilogue. */
export function gemm_f32(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32,
): void {
  clearEpilogue();
  gemm(m, n, k, a, rsA, csA, b, rsB, csB, c, ldc);
}

/**
 * Sets the epilogue the next gemm_f32_fused calls apply: activation code (see activation/activate.ts), leaky-relu
 * alpha, and bias / prelu weights as pointer, row stride, column stride (bytes; pointer 0 = none).
 */
export function gemm_f32_set_epilogue(
  activation: i32, alpha: f32, bias: usize, biasRs: usize, biasCs: usize, prelu: usize, preluRs: usize, preluCs: usize,
): void {
  setEpilogue(activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs);
}

/** C = epilogue(A·B), with the epilogue last given to gemm_f32_set_epilogue. */
export function gemm_f32_fused(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32,
): void {
  gemm(m, n, k, a, rsA, csA, b, rsB, csB, c, ldc);
}

/**
 * C = A·B without packing (assembly/gemm/gemv.ts; the caller sends products with few rows of A, or N = 1),
 * falling back to gemm() for a layout those kernels do not cover; no epilogue.
 */
export function gemv_f32(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32,
): void {
  clearEpilogue();
  if (!gemv(m, n, k, a, rsA, csA, b, rsB, csB, c, ldc)) gemm(m, n, k, a, rsA, csA, b, rsB, csB, c, ldc);
}

/** gemv_f32 with the epilogue last given to gemm_f32_set_epilogue. */
export function gemv_f32_fused(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32,
): void {
  if (!gemv(m, n, k, a, rsA, csA, b, rsB, csB, c, ldc)) gemm(m, n, k, a, rsA, csA, b, rsB, csB, c, ldc);
}

/** Runs the register-resident peak loop (96 flops per iteration); the result only defeats dead-code removal. */
export function gemm_simd_peak(iterations: i32): f32 {
  return peakLoop(iterations, 1);
}

export { gemm_f32_share, gemm_f32_share_scratch_bytes } from './threads';
export { gemm_f32_tiles, gemm_f32_tiles_scratch_bytes, gemm_pack_panels } from './tiles';
