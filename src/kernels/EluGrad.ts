import { EluGrad } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** The gradient of Elu from its output y: dy where y >= 0, else dy * (y + 1). */
export const eluGradConfig = binaryKernelConfig(EluGrad, { float32: 'elu_grad_f32' }, { inputNames: ['dy', 'y'] });
