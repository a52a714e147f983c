import { LogicalOr } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './util/elementwise_binary.js';

/** a || b, with broadcasting. */
export const logicalOrConfig = binaryKernelConfig(LogicalOr, { bool: 'logical_or_bool' });
