import { IsNan } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** x is NaN, element-wise. */
export const isNanConfig = unaryKernelConfig(IsNan, { float32: 'is_nan_f32' }, { outDtype: 'bool' });
