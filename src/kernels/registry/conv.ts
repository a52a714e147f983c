// Native kernels of the 'conv' family: one config per file in src/kernels/.
import type { KernelConfig } from '@tensorflow/tfjs-core';

export const convKernels: KernelConfig[] = [
];
