import { Less } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a < b, with broadcasting; NaN compares unequal to everything. */
export const lessConfig = binaryKernelConfig(Less, {
  float32: 'less_f32',
  int32: 'less_i32',
  bool: 'less_bool',
}, { outDtype: 'bool' });
