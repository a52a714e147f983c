import { type TensorInfo, util } from '@tensorflow/tfjs-core';
import { type CrossEntropyInputs, SigmoidCrossEntropyWithLogits } from '../../kernel_names/prob.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { floatOutput, probKernelConfig } from './layout.js';

/** max(x, 0) − x·z + log(1 + exp(−|x|)) element-wise. */
export function sigmoidCrossEntropyWithLogits({
  inputs: { labels, logits },
  backend,
}: KernelArgs<CrossEntropyInputs, NoAttrs>): TensorInfo {
  const out = floatOutput(backend, logits.shape);
  backend.wasm.kernels.prob_sigmoid_cross_entropy_f32(
    backend.ptr(labels),
    backend.ptr(logits),
    backend.ptr(out),
    util.sizeFromShape(logits.shape),
  );
  return out;
}

export const sigmoidCrossEntropyWithLogitsConfig = probKernelConfig(
  SigmoidCrossEntropyWithLogits,
  sigmoidCrossEntropyWithLogits,
);
