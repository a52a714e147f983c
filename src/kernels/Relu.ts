import { Relu } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** max(x, 0), element-wise. */
export const reluConfig = unaryKernelConfig(Relu, { float32: 'relu_f32' });
