import { Log1p } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** ln(1 + x), element-wise. */
export const log1pConfig = unaryKernelConfig(Log1p, { float32: 'log1p_f32' });
