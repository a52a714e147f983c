// Native kernels of the 'gemm' family (assembly/gemm/): one config per file in this folder.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { fusedMatMulConfig } from './_FusedMatMul.js';
import { batchMatMulConfig } from './BatchMatMul.js';

export const gemmKernels: KernelConfig[] = [batchMatMulConfig, fusedMatMulConfig];
