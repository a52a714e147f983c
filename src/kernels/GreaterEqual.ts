import { GreaterEqual } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a >= b, with broadcasting; NaN compares unequal to everything. */
export const greaterEqualConfig = binaryKernelConfig(GreaterEqual, {
  float32: 'greater_equal_f32',
  int32: 'greater_equal_i32',
  bool: 'greater_equal_bool',
}, { outDtype: 'bool' });
