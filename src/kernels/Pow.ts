import { Pow } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a ** b, evaluated in float64 like tfjs-backend-cpu, with broadcasting. */
export const powConfig = binaryKernelConfig(Pow, { float32: 'pow_f32', int32: 'pow_i32' });
