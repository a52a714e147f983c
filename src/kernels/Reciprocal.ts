import { Reciprocal } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** 1 / x, element-wise. */
export const reciprocalConfig = unaryKernelConfig(Reciprocal, { float32: 'reciprocal_f32' });
