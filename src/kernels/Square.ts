import { Square } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** x * x, element-wise. */
export const squareConfig = unaryKernelConfig(Square, { float32: 'square_f32' });
