// Names, inputs and attributes of the optimizer kernels: a neutral module that the optimizers and the
// 'simd' kernel both import.
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

export const AdamUpdate = 'AdamUpdate';

/**
 * Four float32 tensors of one shape: a variable, its gradient, and Adam's first and second moments; and the
 * optimizer's float32 scalars β1ᵗ and β2ᵗ of this step. The powers are inputs, not attributes, so that one
 * call serves every step: the kernel reads them when it runs (a compiled step replays it unchanged).
 */
export type AdamUpdateInputs = {
  param: TensorInfo;
  gradient: TensorInfo;
  m: TensorInfo;
  v: TensorInfo;
  accBeta1: TensorInfo;
  accBeta2: TensorInfo;
};

/**
 * Every attribute is used as a float32 value, as tfjs's AdamOptimizer turns its numbers into float32 scalars;
 * negLearningRate is −lr.
 */
export interface AdamUpdateAttrs extends NamedAttrMap {
  beta1: number;
  beta2: number;
  epsilon: number;
  negLearningRate: number;
}
