// Native kernels of the 'layout' family: one config per file in src/kernels/.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { identityConfig } from '../Identity.js';
import { reshapeConfig } from '../Reshape.js';

export const layoutKernels: KernelConfig[] = [
  identityConfig,
  reshapeConfig,
];
