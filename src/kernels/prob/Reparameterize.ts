import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { Reparameterize, ReparameterizeInputs } from '../../kernel_names/prob.js';
import { floatOutput, perElement, probKernelConfig, rowLayout } from './layout.js';

/** z = mean + exp(½·logVar)·eps in one pass. */
export function reparameterize(
  { inputs: { mean, logVar, eps }, backend }: KernelArgs<ReparameterizeInputs, {}>,
): TensorInfo {
  const { rows, cols } = rowLayout(eps.shape);
  const z = floatOutput(backend, eps.shape);
  backend.wasm.kernels.prob_reparameterize_f32(
    backend.ptr(mean), perElement(mean, eps), backend.ptr(logVar), perElement(logVar, eps), backend.ptr(eps),
    backend.ptr(z), rows, cols);
  return z;
}

export const reparameterizeConfig = probKernelConfig(Reparameterize, reparameterize);
