import type { TensorInfo } from '@tensorflow/tfjs-core';
import { KlStandardNormalGrad, type KlStandardNormalGradInputs } from '../../kernel_names/prob.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { floatOutput, fullOperand, optionalPtr, perElement, probKernelConfig, rowLayout } from './layout.js';

/** [dMean, dLogVar] of the KL to N(0, I) in one sweep; with the forward pass's exp(logVar), no exp is computed. */
export function klStandardNormalGrad({
  inputs: { dy, mean, logVar, variance },
  backend,
}: KernelArgs<KlStandardNormalGradInputs, NoAttrs>): TensorInfo[] {
  const full = fullOperand(mean, logVar);
  const { rows, cols } = rowLayout(full.shape);
  const dMean = floatOutput(backend, mean.shape);
  const dLogVar = floatOutput(backend, logVar.shape);
  backend.wasm.kernels.prob_kl_standard_normal_grad_f32(
    backend.ptr(mean),
    perElement(mean, full),
    backend.ptr(logVar),
    perElement(logVar, full),
    backend.ptr(dy),
    backend.ptr(dMean),
    backend.ptr(dLogVar),
    rows,
    cols,
    optionalPtr(backend, variance),
  );
  return [dMean, dLogVar];
}

export const klStandardNormalGradConfig = probKernelConfig(KlStandardNormalGrad, klStandardNormalGrad);
