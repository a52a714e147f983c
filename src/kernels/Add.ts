import { Add } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a + b, with broadcasting. */
export const addConfig = binaryKernelConfig(Add, { float32: 'add_f32', int32: 'add_i32' });
