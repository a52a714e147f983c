import { Softplus } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** ln(1 + e^x), element-wise. */
export const softplusConfig = unaryKernelConfig(Softplus, { float32: 'softplus_f32' });
