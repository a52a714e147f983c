import { IsFinite } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** x is neither NaN nor ±Infinity, element-wise. */
export const isFiniteConfig = unaryKernelConfig(IsFinite, { float32: 'is_finite_f32' }, { outDtype: 'bool' });
