// Native kernels of the 'prob' family: one config per file in src/kernels/.
import type { KernelConfig } from '@tensorflow/tfjs-core';

export const probKernels: KernelConfig[] = [
];
