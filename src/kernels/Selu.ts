import { Selu } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** scale * (x >= 0 ? x : alpha * (e^x - 1)), element-wise. */
export const seluConfig = unaryKernelConfig(Selu, { float32: 'selu_f32' });
