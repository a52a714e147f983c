import { Abs } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** |x|, element-wise. */
export const absConfig = unaryKernelConfig(Abs, { float32: 'abs_f32', int32: 'abs_i32' });
