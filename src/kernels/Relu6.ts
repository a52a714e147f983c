import { Relu6 } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** min(max(x, 0), 6), element-wise. */
export const relu6Config = unaryKernelConfig(Relu6, { float32: 'relu6_f32' });
