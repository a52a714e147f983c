import { Log } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** ln x, element-wise. */
export const logConfig = unaryKernelConfig(Log, { float32: 'log_f32' });
