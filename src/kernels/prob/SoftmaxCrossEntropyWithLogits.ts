import type { TensorInfo } from '@tensorflow/tfjs-core';
import { type CrossEntropyInputs, SoftmaxCrossEntropyWithLogits } from '../../kernel_names/prob.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { floatOutput, probKernelConfig, rowLayout } from './layout.js';

/** −Σ labels·logSoftmax(logits) over the last axis, one row at a time. */
export function softmaxCrossEntropyWithLogits({
  inputs: { labels, logits },
  backend,
}: KernelArgs<CrossEntropyInputs, NoAttrs>): TensorInfo {
  const { rows, cols } = rowLayout(logits.shape);
  const out = floatOutput(backend, logits.shape.slice(0, -1));
  backend.wasm.kernels.prob_softmax_cross_entropy_f32(
    backend.ptr(labels),
    backend.ptr(logits),
    backend.ptr(out),
    rows,
    cols,
  );
  return out;
}

export const softmaxCrossEntropyWithLogitsConfig = probKernelConfig(
  SoftmaxCrossEntropyWithLogits,
  softmaxCrossEntropyWithLogits,
);
