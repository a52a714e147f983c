import { Sqrt } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** sqrt(x), element-wise. */
export const sqrtConfig = unaryKernelConfig(Sqrt, { float32: 'sqrt_f32' });
