import { LessEqual } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a <= b, with broadcasting; NaN compares unequal to everything. */
export const lessEqualConfig = binaryKernelConfig(LessEqual, {
  float32: 'less_equal_f32',
  int32: 'less_equal_i32',
  bool: 'less_equal_bool',
}, { outDtype: 'bool' });
