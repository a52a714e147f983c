// Native kernels of the 'vision' family (assembly/vision/): what converted vision models run besides
// convolutions.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { fusedBatchNormConfig } from './FusedBatchNorm.js';
import { resizeBilinearConfig } from './ResizeBilinear.js';
import { resizeBilinearGradConfig } from './ResizeBilinearGrad.js';
import { resizeNearestNeighborConfig } from './ResizeNearestNeighbor.js';
import { resizeNearestNeighborGradConfig } from './ResizeNearestNeighborGrad.js';

export const visionKernels: KernelConfig[] = [
  fusedBatchNormConfig,
  resizeBilinearConfig,
  resizeBilinearGradConfig,
  resizeNearestNeighborConfig,
  resizeNearestNeighborGradConfig,
];
