// Native kernels of the 'gemm' family (assembly/gemm/): one config per file in this folder.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { fusedMatMulConfig } from './_FusedMatMul.js';
import { batchMatMulConfig } from './BatchMatMul.js';
import { einsumConfig } from './Einsum.js';

// Einsum: two-operand contractions of converted models, as transposes around one batched product.
export const gemmKernels: KernelConfig[] = [batchMatMulConfig, fusedMatMulConfig, einsumConfig];
