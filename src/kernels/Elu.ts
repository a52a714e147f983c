import { Elu } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** x >= 0 ? x : e^x - 1, element-wise. */
export const eluConfig = unaryKernelConfig(Elu, { float32: 'elu_f32' });
