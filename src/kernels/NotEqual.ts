import { NotEqual } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a != b, with broadcasting. */
export const notEqualConfig = binaryKernelConfig(
  NotEqual, { float32: 'not_equal_f32', int32: 'not_equal_i32' }, { outDtype: 'bool' });
