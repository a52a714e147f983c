import { Erf } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** erf(x) by tfjs' Abramowitz-Stegun approximation, element-wise. */
export const erfConfig = unaryKernelConfig(Erf, { float32: 'erf_f32' });
