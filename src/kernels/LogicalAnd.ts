import { LogicalAnd } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a && b, with broadcasting. */
export const logicalAndConfig = binaryKernelConfig(LogicalAnd, { bool: 'logical_and_bool' });
