import { FloorDiv } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** floor(a / b) in float64, as int32 (what tfjs-backend-cpu returns), with broadcasting. */
export const floorDivConfig = binaryKernelConfig(
  FloorDiv, { float32: 'floor_div_f32', int32: 'floor_div_i32' }, { outDtype: 'int32' });
