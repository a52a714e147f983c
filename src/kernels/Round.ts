import { Round } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** x rounded to the nearest integer, ties to even, element-wise. */
export const roundConfig = unaryKernelConfig(Round, { float32: 'round_f32' });
