import { Sigmoid } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** 1 / (1 + e^-x), element-wise. */
export const sigmoidConfig = unaryKernelConfig(Sigmoid, { float32: 'sigmoid_f32' });
