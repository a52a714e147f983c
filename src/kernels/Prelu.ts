import { Prelu } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** x < 0 ? alpha * x : x, with alpha broadcast against x. */
export const preluConfig = binaryKernelConfig(Prelu, { float32: 'prelu_f32' }, { inputNames: ['x', 'alpha'] });
