// Native kernels of the 'elementwise' family (assembly/elementwise/): the table's kernels
// (kernels.generated.ts, from scripts/elementwise/table.mjs) and those with a file of their own.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { addNConfig } from './AddN.js';
import { castConfig } from './Cast.js';
import { fillConfig } from './Fill.js';
import { tableKernels } from './kernels.generated.js';
import { onesLikeConfig } from './OnesLike.js';
import { selectConfig } from './Select.js';
import { zerosLikeConfig } from './ZerosLike.js';

export const elementwiseKernels: KernelConfig[] = [
  ...tableKernels,
  addNConfig,
  castConfig,
  fillConfig,
  onesLikeConfig,
  selectConfig,
  zerosLikeConfig,
];
