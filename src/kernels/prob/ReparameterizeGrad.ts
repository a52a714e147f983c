import type { TensorInfo } from '@tensorflow/tfjs-core';
import { ReparameterizeGrad, type ReparameterizeGradInputs } from '../../kernel_names/prob.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { floatOutput, perElement, probKernelConfig, rowLayout } from './layout.js';

/** [dMean, dLogVar] of z = mean + exp(½·logVar)·eps in one sweep. */
export function reparameterizeGrad({
  inputs: { dy, mean, logVar, eps },
  backend,
}: KernelArgs<ReparameterizeGradInputs, NoAttrs>): TensorInfo[] {
  const { rows, cols } = rowLayout(eps.shape);
  const dMean = floatOutput(backend, mean.shape);
  const dLogVar = floatOutput(backend, logVar.shape);
  backend.wasm.kernels.prob_reparameterize_grad_f32(
    perElement(mean, eps),
    backend.ptr(logVar),
    perElement(logVar, eps),
    backend.ptr(eps),
    backend.ptr(dy),
    backend.ptr(dMean),
    backend.ptr(dLogVar),
    rows,
    cols,
  );
  return [dMean, dLogVar];
}

export const reparameterizeGradConfig = probKernelConfig(ReparameterizeGrad, reparameterizeGrad);
