// Native kernels of the 'vision' family (assembly/vision/): one config per file in src/kernels/.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { fusedBatchNormConfig } from '../FusedBatchNorm.js';
import { resizeBilinearConfig } from '../ResizeBilinear.js';
import { resizeBilinearGradConfig } from '../ResizeBilinearGrad.js';

export const visionKernels: KernelConfig[] = [
  fusedBatchNormConfig,
  resizeBilinearConfig,
  resizeBilinearGradConfig,
];
