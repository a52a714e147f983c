import { Ceil } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** ceil(x), element-wise. */
export const ceilConfig = unaryKernelConfig(Ceil, { float32: 'ceil_f32' });
