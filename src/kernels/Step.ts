import { Step } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** x > 0 ? 1 : alpha (NaN stays NaN), element-wise. */
export const stepConfig = unaryKernelConfig(
  Step, { float32: 'step_f32' }, { params: ({ alpha }) => [alpha as number] });
