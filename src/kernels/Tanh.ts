import { Tanh } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** tanh(x), element-wise. */
export const tanhConfig = unaryKernelConfig(Tanh, { float32: 'tanh_f32' });
