import { Greater } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a > b, with broadcasting; NaN compares unequal to everything. */
export const greaterConfig = binaryKernelConfig(Greater, {
  float32: 'greater_f32',
  int32: 'greater_i32',
  bool: 'greater_bool',
}, { outDtype: 'bool' });
