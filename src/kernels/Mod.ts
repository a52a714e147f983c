import { Mod } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a mod b with the sign of b, with broadcasting. */
export const modConfig = binaryKernelConfig(Mod, { float32: 'mod_f32', int32: 'mod_i32' });
