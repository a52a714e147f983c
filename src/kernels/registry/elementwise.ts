// Native kernels of the 'elementwise' family: one config per file in src/kernels/.
import type { KernelConfig } from '@tensorflow/tfjs-core';

export const elementwiseKernels: KernelConfig[] = [
];
