// Native kernels of the 'optim' family (assembly/optim/, fused optimizer updates): one config per file in this folder.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { adamUpdateConfig } from './AdamUpdate.js';

export const optimKernels: KernelConfig[] = [adamUpdateConfig];
