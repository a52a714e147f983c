import { Exp } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** e^x, element-wise. */
export const expConfig = unaryKernelConfig(Exp, { float32: 'exp_f32' });
