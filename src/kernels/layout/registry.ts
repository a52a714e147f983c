// Native kernels of the 'layout' family (assembly/layout/): one config per file in this folder.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { batchToSpaceNDConfig } from './BatchToSpaceND.js';
import { concatConfig } from './Concat.js';
import { depthToSpaceConfig } from './DepthToSpace.js';
import { expandDimsConfig } from './ExpandDims.js';
import { gatherNdConfig } from './GatherNd.js';
import { gatherV2Config } from './GatherV2.js';
import { identityConfig } from './Identity.js';
import { mirrorPadConfig } from './MirrorPad.js';
import { oneHotConfig } from './OneHot.js';
import { packConfig } from './Pack.js';
import { padV2Config } from './PadV2.js';
import { rangeConfig } from './Range.js';
import { reshapeConfig } from './Reshape.js';
import { reverseConfig } from './Reverse.js';
import { scatterNdConfig } from './ScatterNd.js';
import { sliceConfig } from './Slice.js';
import { spaceToBatchNDConfig } from './SpaceToBatchND.js';
import { splitVConfig } from './SplitV.js';
import { stridedSliceConfig } from './StridedSlice.js';
import { tensorScatterUpdateConfig } from './TensorScatterUpdate.js';
import { tileConfig } from './Tile.js';
import { transposeConfig } from './Transpose.js';
import { unpackConfig } from './Unpack.js';

export const layoutKernels: KernelConfig[] = [
  identityConfig,
  reshapeConfig,
  expandDimsConfig,
  transposeConfig,
  sliceConfig,
  stridedSliceConfig,
  concatConfig,
  packConfig,
  unpackConfig,
  splitVConfig,
  tileConfig,
  padV2Config,
  mirrorPadConfig,
  reverseConfig,
  gatherV2Config,
  gatherNdConfig,
  scatterNdConfig,
  tensorScatterUpdateConfig,
  rangeConfig,
  oneHotConfig,
  // Layout steps of converted models (dilated convolutions, upsampling heads): compositions of native copies.
  spaceToBatchNDConfig,
  batchToSpaceNDConfig,
  depthToSpaceConfig,
];
