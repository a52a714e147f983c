import type { TensorInfo } from '@tensorflow/tfjs-core';
import {
  GaussianLogLikelihood,
  type GaussianLogLikelihoodAttrs,
  type GaussianLogLikelihoodInputs,
} from '../../kernel_names/prob.js';
import type { KernelArgs } from '../kernel_args.js';
import { floatOutput, optionalPtr, perElement, probKernelConfig, rowLayout } from './layout.js';

/**
 * log N(x; mean, exp(logVar)) summed over the last axis (or per element), in one pass; fills `weights`, when
 * given, with the weights exp(−v/2) the backward kernel reuses.
 */
export function gaussianLogLikelihood({
  inputs: { x, mean, logVar, weights },
  attrs,
  backend,
}: KernelArgs<GaussianLogLikelihoodInputs, GaussianLogLikelihoodAttrs>): TensorInfo {
  const { rows, cols } = rowLayout(x.shape);
  const out = floatOutput(backend, attrs.elementwise ? x.shape : x.shape.slice(0, -1));
  const { kernels } = backend.wasm;
  const logVarPerElement = perElement(logVar, x);
  backend.wasm.withScratch(kernels.prob_gaussian_log_likelihood_f32_scratch_bytes(cols, logVarPerElement), (scratch) =>
    kernels.prob_gaussian_log_likelihood_f32(
      backend.ptr(x),
      backend.ptr(mean),
      perElement(mean, x),
      backend.ptr(logVar),
      logVarPerElement,
      backend.ptr(out),
      rows,
      cols,
      attrs.logVarFloor,
      attrs.constant,
      attrs.elementwise ? 1 : 0,
      optionalPtr(backend, weights),
      scratch,
    ),
  );
  return out;
}

export const gaussianLogLikelihoodConfig = probKernelConfig(GaussianLogLikelihood, gaussianLogLikelihood);
