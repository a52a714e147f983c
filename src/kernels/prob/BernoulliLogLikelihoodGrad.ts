import type { TensorInfo } from '@tensorflow/tfjs-core';
import {
  type BernoulliLogLikelihoodAttrs,
  BernoulliLogLikelihoodGrad,
  type BernoulliLogLikelihoodGradInputs,
} from '../../kernel_names/prob.js';
import type { KernelArgs } from '../kernel_args.js';
import { floatOutput, optionalPtr, probKernelConfig, rowLayout } from './layout.js';

/**
 * [dx, dLogits] = [dy·l, dy·(x − sigmoid(l))] in one sweep, dy per row (or per element). With the forward
 * pass's exp(−|l|), no exp is computed.
 */
export function bernoulliLogLikelihoodGrad({
  inputs: { dy, x, logits, expNegAbs },
  attrs,
  backend,
}: KernelArgs<BernoulliLogLikelihoodGradInputs, BernoulliLogLikelihoodAttrs>): TensorInfo[] {
  const { rows, cols } = rowLayout(x.shape);
  const dx = floatOutput(backend, x.shape);
  const dLogits = floatOutput(backend, logits.shape);
  backend.wasm.kernels.prob_bernoulli_log_likelihood_grad_f32(
    backend.ptr(x),
    backend.ptr(logits),
    backend.ptr(dy),
    attrs.elementwise ? 1 : 0,
    backend.ptr(dx),
    backend.ptr(dLogits),
    rows,
    cols,
    optionalPtr(backend, expNegAbs),
  );
  return [dx, dLogits];
}

export const bernoulliLogLikelihoodGradConfig = probKernelConfig(
  BernoulliLogLikelihoodGrad,
  bernoulliLogLikelihoodGrad,
);
