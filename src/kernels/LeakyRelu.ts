import { LeakyRelu } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** x < 0 ? alpha * x : x, element-wise. */
export const leakyReluConfig = unaryKernelConfig(
  LeakyRelu, { float32: 'leaky_relu_f32' }, { params: ({ alpha }) => [alpha as number] });
