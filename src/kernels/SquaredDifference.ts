import { SquaredDifference } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** (a - b)^2, with broadcasting. */
export const squaredDifferenceConfig = binaryKernelConfig(
  SquaredDifference, { float32: 'squared_difference_f32', int32: 'squared_difference_i32' });
