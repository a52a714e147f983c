import type { TensorInfo } from '@tensorflow/tfjs-core';
import {
  BernoulliLogLikelihood,
  type BernoulliLogLikelihoodAttrs,
  type BernoulliLogLikelihoodInputs,
} from '../../kernel_names/prob.js';
import type { KernelArgs } from '../kernel_args.js';
import { floatOutput, optionalPtr, probKernelConfig, rowLayout } from './layout.js';

/**
 * log p(x | logits) = x·l − softplus(l) summed over the last axis (or per element), in one pass; fills
 * `expNegAbs`, when given, with exp(−|l|) for the backward kernel.
 */
export function bernoulliLogLikelihood({
  inputs: { x, logits, expNegAbs },
  attrs,
  backend,
}: KernelArgs<BernoulliLogLikelihoodInputs, BernoulliLogLikelihoodAttrs>): TensorInfo {
  const { rows, cols } = rowLayout(x.shape);
  const out = floatOutput(backend, attrs.elementwise ? x.shape : x.shape.slice(0, -1));
  const { kernels } = backend.wasm;
  backend.wasm.withScratch(kernels.prob_bernoulli_log_likelihood_f32_scratch_bytes(cols), (scratch) =>
    kernels.prob_bernoulli_log_likelihood_f32(
      backend.ptr(x),
      backend.ptr(logits),
      backend.ptr(out),
      rows,
      cols,
      attrs.elementwise ? 1 : 0,
      optionalPtr(backend, expNegAbs),
      scratch,
    ),
  );
  return out;
}

export const bernoulliLogLikelihoodConfig = probKernelConfig(BernoulliLogLikelihood, bernoulliLogLikelihood);
