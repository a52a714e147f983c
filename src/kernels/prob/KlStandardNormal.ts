import type { TensorInfo } from '@tensorflow/tfjs-core';
import { KlStandardNormal, type KlStandardNormalInputs } from '../../kernel_names/prob.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { floatOutput, fullOperand, optionalPtr, perElement, probKernelConfig, rowLayout } from './layout.js';

/**
 * KL(N(mean, exp(logVar)) ‖ N(0, I)) summed over the last axis, in one pass; fills `variance`, when given,
 * with exp(logVar) for the backward kernel.
 */
export function klStandardNormal({
  inputs: { mean, logVar, variance },
  backend,
}: KernelArgs<KlStandardNormalInputs, NoAttrs>): TensorInfo {
  const full = fullOperand(mean, logVar);
  const { rows, cols } = rowLayout(full.shape);
  const out = floatOutput(backend, full.shape.slice(0, -1));
  const { kernels } = backend.wasm;
  const logVarPerElement = perElement(logVar, full);
  backend.wasm.withScratch(kernels.prob_kl_standard_normal_f32_scratch_bytes(cols, logVarPerElement), (scratch) =>
    kernels.prob_kl_standard_normal_f32(
      backend.ptr(mean),
      perElement(mean, full),
      backend.ptr(logVar),
      logVarPerElement,
      backend.ptr(out),
      rows,
      cols,
      optionalPtr(backend, variance),
      scratch,
    ),
  );
  return out;
}

export const klStandardNormalConfig = probKernelConfig(KlStandardNormal, klStandardNormal);
