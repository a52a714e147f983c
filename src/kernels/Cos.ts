import { Cos } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** cos(x), evaluated in float64 like tfjs-backend-cpu, element-wise. */
export const cosConfig = unaryKernelConfig(Cos, { float32: 'cos_f32' });
