import { RealDiv } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a / b, with broadcasting. */
export const realDivConfig = binaryKernelConfig(RealDiv, { float32: 'div_f32' });
