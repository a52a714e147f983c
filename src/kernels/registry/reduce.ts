// Native kernels of the 'reduce' family: one config per file in src/kernels/.
import type { KernelConfig } from '@tensorflow/tfjs-core';

export const reduceKernels: KernelConfig[] = [
];
