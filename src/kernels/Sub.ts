import { Sub } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a - b, with broadcasting. */
export const subConfig = binaryKernelConfig(Sub, { float32: 'sub_f32', int32: 'sub_i32' });
