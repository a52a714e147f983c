import { IsInf } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** x is ±Infinity, element-wise. */
export const isInfConfig = unaryKernelConfig(IsInf, { float32: 'is_inf_f32' }, { outDtype: 'bool' });
