import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelArgs } from './util/kernel_args.js';
import { KlStandardNormal, KlStandardNormalInputs } from './util/prob_kernel_names.js';
import { floatOutput, perElement, probKernelConfig, rowLayout } from './util/prob_layout.js';

/** The operand with the full shape (the other one is the same or per feature). */
export function fullOperand(a: TensorInfo, b: TensorInfo): TensorInfo {
  return a.shape.length >= b.shape.length ? a : b;
}

/** KL(N(mean, exp(logVar)) ‖ N(0, I)) summed over the last axis, in one pass. */
export function klStandardNormal(
  { inputs: { mean, logVar }, backend }: KernelArgs<KlStandardNormalInputs, {}>,
): TensorInfo {
  const full = fullOperand(mean, logVar);
  const { rows, cols } = rowLayout(full.shape);
  const out = floatOutput(backend, full.shape.slice(0, -1));
  backend.wasm.kernels.probKlStandardNormal(
    backend.ptr(mean), perElement(mean, full), backend.ptr(logVar), perElement(logVar, full),
    backend.ptr(out), rows, cols);
  return out;
}

export const klStandardNormalConfig = probKernelConfig(KlStandardNormal, klStandardNormal);
