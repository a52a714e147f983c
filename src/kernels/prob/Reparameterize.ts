import type { TensorInfo } from '@tensorflow/tfjs-core';
import { Reparameterize, type ReparameterizeInputs } from '../../kernel_names/prob.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { floatOutput, perElement, probKernelConfig, rowLayout } from './layout.js';

/** z = mean + exp(½·logVar)·eps in one pass. */
export function reparameterize({
  inputs: { mean, logVar, eps },
  backend,
}: KernelArgs<ReparameterizeInputs, NoAttrs>): TensorInfo {
  const { rows, cols } = rowLayout(eps.shape);
  const z = floatOutput(backend, eps.shape);
  backend.wasm.kernels.prob_reparameterize_f32(
    backend.ptr(mean),
    perElement(mean, eps),
    backend.ptr(logVar),
    perElement(logVar, eps),
    backend.ptr(eps),
    backend.ptr(z),
    rows,
    cols,
  );
  return z;
}

export const reparameterizeConfig = probKernelConfig(Reparameterize, reparameterize);
