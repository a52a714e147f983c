import { Multiply } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a * b (int32 wraps), with broadcasting. */
export const multiplyConfig = binaryKernelConfig(Multiply, { float32: 'mul_f32', int32: 'mul_i32' });
