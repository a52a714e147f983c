// Native kernels of the 'gemm' family (assembly/gemm/): one config per file in this folder.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { batchMatMulConfig } from './BatchMatMul.js';
import { einsumConfig } from './Einsum.js';
import { fusedMatMulConfig } from './_FusedMatMul.js';

export const gemmKernels: KernelConfig[] = [
  batchMatMulConfig,
  fusedMatMulConfig,
  // Two-operand contractions of converted models: transposes around one batched product.
  einsumConfig,
];
