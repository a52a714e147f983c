import { Maximum } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** max(a, b), NaN if either is NaN, with broadcasting. */
export const maximumConfig = binaryKernelConfig(Maximum, { float32: 'maximum_f32', int32: 'maximum_i32' });
