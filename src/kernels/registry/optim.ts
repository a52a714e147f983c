// Native kernels of the 'optim' family (fused optimizer updates): one config per file in src/kernels/.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { adamUpdateConfig } from '../AdamUpdate.js';

export const optimKernels: KernelConfig[] = [
  adamUpdateConfig,
];
