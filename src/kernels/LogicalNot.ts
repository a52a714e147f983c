import { LogicalNot } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** !x, element-wise. */
export const logicalNotConfig = unaryKernelConfig(LogicalNot, { bool: 'logical_not_bool' });
