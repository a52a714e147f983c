import { Expm1 } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** e^x - 1, element-wise. */
export const expm1Config = unaryKernelConfig(Expm1, { float32: 'expm1_f32' });
