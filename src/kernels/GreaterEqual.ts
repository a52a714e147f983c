import { GreaterEqual } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a >= b, with broadcasting. */
export const greaterEqualConfig = binaryKernelConfig(
  GreaterEqual, { float32: 'greater_equal_f32', int32: 'greater_equal_i32' }, { outDtype: 'bool' });
