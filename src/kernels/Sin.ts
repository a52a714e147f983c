import { Sin } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** sin(x), evaluated in float64 like tfjs-backend-cpu, element-wise. */
export const sinConfig = unaryKernelConfig(Sin, { float32: 'sin_f32' });
