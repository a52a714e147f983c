import { Floor } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** floor(x), element-wise. */
export const floorConfig = unaryKernelConfig(Floor, { float32: 'floor_f32' });
