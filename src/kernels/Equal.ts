import { Equal } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a == b, with broadcasting; NaN compares unequal to everything. */
export const equalConfig = binaryKernelConfig(Equal, {
  float32: 'equal_f32',
  int32: 'equal_i32',
  bool: 'equal_bool',
}, { outDtype: 'bool' });
