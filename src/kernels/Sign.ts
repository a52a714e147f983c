import { Sign } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** -1, 0 or 1 (0 for NaN), element-wise. */
export const signConfig = unaryKernelConfig(Sign, { float32: 'sign_f32' });
