// Native kernels converted vision models run besides convolutions (assembly/vision/ and layout compositions):
// one config per file in src/kernels/.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { batchToSpaceNDConfig } from '../BatchToSpaceND.js';
import { depthToSpaceConfig } from '../DepthToSpace.js';
import { fusedBatchNormConfig } from '../FusedBatchNorm.js';
import { resizeBilinearConfig } from '../ResizeBilinear.js';
import { resizeBilinearGradConfig } from '../ResizeBilinearGrad.js';
import { spaceToBatchNDConfig } from '../SpaceToBatchND.js';

export const visionKernels: KernelConfig[] = [
  fusedBatchNormConfig,
  resizeBilinearConfig,
  resizeBilinearGradConfig,
  // Layout steps of converted models (dilated convolutions, upsampling heads): compositions of native copies.
  spaceToBatchNDConfig,
  batchToSpaceNDConfig,
  depthToSpaceConfig,
];
