// Native kernels of the 'gemm' family: one config per file in src/kernels/.
import type { KernelConfig } from '@tensorflow/tfjs-core';

export const gemmKernels: KernelConfig[] = [
];
