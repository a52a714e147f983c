import { Neg } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** -x, element-wise. */
export const negConfig = unaryKernelConfig(Neg, { float32: 'neg_f32', int32: 'neg_i32' });
