// Native kernels of the 'reduce' family (assembly/reduce/): one config per file in this folder.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { allConfig } from './All.js';
import { anyConfig } from './Any.js';
import { argMaxConfig } from './ArgMax.js';
import { argMinConfig } from './ArgMin.js';
import { bincountConfig } from './Bincount.js';
import { cumprodConfig } from './Cumprod.js';
import { cumsumConfig } from './Cumsum.js';
import { denseBincountConfig } from './DenseBincount.js';
import { maxConfig } from './Max.js';
import { meanConfig } from './Mean.js';
import { minConfig } from './Min.js';
import { prodConfig } from './Prod.js';
import { softmaxConfig } from './Softmax.js';
import { sparseSegmentMeanConfig } from './SparseSegmentMean.js';
import { sparseSegmentSumConfig } from './SparseSegmentSum.js';
import { sumConfig } from './Sum.js';
import { topKConfig } from './TopK.js';
import { unsortedSegmentSumConfig } from './UnsortedSegmentSum.js';

export const reduceKernels: KernelConfig[] = [
  sumConfig,
  meanConfig,
  maxConfig,
  minConfig,
  prodConfig,
  argMaxConfig,
  argMinConfig,
  allConfig,
  anyConfig,
  softmaxConfig,
  cumsumConfig,
  cumprodConfig,
  topKConfig,
  unsortedSegmentSumConfig,
  sparseSegmentSumConfig,
  sparseSegmentMeanConfig,
  bincountConfig,
  denseBincountConfig,
];
