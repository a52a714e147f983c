import { Rsqrt } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** 1 / sqrt(x), element-wise. */
export const rsqrtConfig = unaryKernelConfig(Rsqrt, { float32: 'rsqrt_f32' });
