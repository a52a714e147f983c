import { type TensorInfo, util } from '@tensorflow/tfjs-core';
import { type CrossEntropyGradInputs, SigmoidCrossEntropyWithLogitsGrad } from '../../kernel_names/prob.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { floatOutput, probKernelConfig } from './layout.js';

/** [dLabels, dLogits] = [−x·dy, (sigmoid(x) − z)·dy] in one sweep. */
export function sigmoidCrossEntropyWithLogitsGrad({
  inputs: { dy, labels, logits },
  backend,
}: KernelArgs<CrossEntropyGradInputs, NoAttrs>): TensorInfo[] {
  const dLabels = floatOutput(backend, labels.shape);
  const dLogits = floatOutput(backend, logits.shape);
  backend.wasm.kernels.prob_sigmoid_cross_entropy_grad_f32(
    backend.ptr(labels),
    backend.ptr(logits),
    backend.ptr(dy),
    backend.ptr(dLabels),
    backend.ptr(dLogits),
    util.sizeFromShape(logits.shape),
  );
  return [dLabels, dLogits];
}

export const sigmoidCrossEntropyWithLogitsGradConfig = probKernelConfig(
  SigmoidCrossEntropyWithLogitsGrad,
  sigmoidCrossEntropyWithLogitsGrad,
);
