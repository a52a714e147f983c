// Native kernels of the 'vision' family (assembly/vision/): what converted vision models run besides
// convolutions.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { cropAndResizeConfig } from './CropAndResize.js';
import { flipLeftRightConfig } from './FlipLeftRight.js';
import { fusedBatchNormConfig } from './FusedBatchNorm.js';
import { nonMaxSuppressionV3Config } from './NonMaxSuppressionV3.js';
import { nonMaxSuppressionV4Config } from './NonMaxSuppressionV4.js';
import { nonMaxSuppressionV5Config } from './NonMaxSuppressionV5.js';
import { resizeBilinearConfig } from './ResizeBilinear.js';
import { resizeBilinearGradConfig } from './ResizeBilinearGrad.js';
import { resizeNearestNeighborConfig } from './ResizeNearestNeighbor.js';
import { resizeNearestNeighborGradConfig } from './ResizeNearestNeighborGrad.js';
import { rotateWithOffsetConfig } from './RotateWithOffset.js';
import { transformConfig } from './Transform.js';

export const visionKernels: KernelConfig[] = [
  fusedBatchNormConfig,
  resizeBilinearConfig,
  resizeBilinearGradConfig,
  resizeNearestNeighborConfig,
  resizeNearestNeighborGradConfig,
  nonMaxSuppressionV3Config,
  nonMaxSuppressionV4Config,
  nonMaxSuppressionV5Config,
  flipLeftRightConfig,
  cropAndResizeConfig,
  transformConfig,
  rotateWithOffsetConfig,
];
