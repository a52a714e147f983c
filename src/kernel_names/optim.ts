// Names, inputs and attributes of the optimizer kernels: a neutral module that the optimizers and the
// 'simd' kernel both import.
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

export const AdamUpdate = 'AdamUpdate';

/** Four float32 tensors of one shape: a variable, its gradient, and Adam's first and second moments. */
export type AdamUpdateInputs = { param: TensorInfo; gradient: TensorInfo; m: TensorInfo; v: TensorInfo };

/**
 * Every attribute is used as a float32 value, as tfjs's AdamOptimizer turns its numbers into float32 scalars:
 * oneMinusAccBeta1/2 are 1 − β1ᵗ and 1 − β2ᵗ of this step, negLearningRate is −lr.
 */
export interface AdamUpdateAttrs extends NamedAttrMap {
  beta1: number;
  beta2: number;
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
  epsilon: number;
  negLearningRate: number;
}
