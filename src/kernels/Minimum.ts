import { Minimum } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** min(a, b), NaN if either is NaN, with broadcasting. */
export const minimumConfig = binaryKernelConfig(Minimum, { float32: 'minimum_f32', int32: 'minimum_i32' });
