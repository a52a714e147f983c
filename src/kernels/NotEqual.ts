import { NotEqual } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a != b, with broadcasting; NaN compares unequal to everything. */
export const notEqualConfig = binaryKernelConfig(NotEqual, {
  float32: 'not_equal_f32',
  int32: 'not_equal_i32',
  bool: 'not_equal_bool',
}, { outDtype: 'bool' });
