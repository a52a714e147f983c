import type { TensorInfo } from '@tensorflow/tfjs-core';
import { type CrossEntropyGradInputs, SoftmaxCrossEntropyWithLogitsGrad } from '../../kernel_names/prob.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { floatOutput, probKernelConfig, rowLayout } from './layout.js';

/** [dLabels, dLogits] = [−logSoftmax·dy, (Σlabels·softmax − labels)·dy], one row at a time. */
export function softmaxCrossEntropyWithLogitsGrad({
  inputs: { dy, labels, logits },
  backend,
}: KernelArgs<CrossEntropyGradInputs, NoAttrs>): TensorInfo[] {
  const { rows, cols } = rowLayout(logits.shape);
  const dLabels = floatOutput(backend, labels.shape);
  const dLogits = floatOutput(backend, logits.shape);
  backend.wasm.kernels.prob_softmax_cross_entropy_grad_f32(
    backend.ptr(labels),
    backend.ptr(logits),
    backend.ptr(dy),
    backend.ptr(dLabels),
    backend.ptr(dLogits),
    rows,
    cols,
  );
  return [dLabels, dLogits];
}

export const softmaxCrossEntropyWithLogitsGradConfig = probKernelConfig(
  SoftmaxCrossEntropyWithLogitsGrad,
  softmaxCrossEntropyWithLogitsGrad,
);
