import { ClipByValue } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './util/elementwise_unary.js';

/** x clamped to [clipValueMin, clipValueMax] (NaN stays NaN), element-wise. */
export const clipByValueConfig = unaryKernelConfig(ClipByValue, { float32: 'clip_by_value_f32' }, {
  params: ({ clipValueMin, clipValueMax }) => [clipValueMin as number, clipValueMax as number],
});
