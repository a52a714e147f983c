import type { TensorInfo } from '@tensorflow/tfjs-core';
import {
  type GaussianLogLikelihoodAttrs,
  GaussianLogLikelihoodGrad,
  type GaussianLogLikelihoodGradInputs,
} from '../../kernel_names/prob.js';
import type { KernelArgs } from '../kernel_args.js';
import { floatOutput, optionalPtr, perElement, probKernelConfig, rowLayout } from './layout.js';

/**
 * [dx, dMean, dLogVar] of the Gaussian log-likelihood in one sweep; per-feature gradients summed over rows.
 * With the forward pass's weights, no exp is computed.
 */
export function gaussianLogLikelihoodGrad({
  inputs: { dy, x, mean, logVar, weights },
  attrs,
  backend,
}: KernelArgs<GaussianLogLikelihoodGradInputs, GaussianLogLikelihoodAttrs>): TensorInfo[] {
  const { rows, cols } = rowLayout(x.shape);
  const dx = floatOutput(backend, x.shape);
  const dMean = floatOutput(backend, mean.shape);
  const dLogVar = floatOutput(backend, logVar.shape);
  const { kernels } = backend.wasm;
  const logVarPerElement = perElement(logVar, x);
  backend.wasm.withScratch(
    kernels.prob_gaussian_log_likelihood_grad_f32_scratch_bytes(cols, logVarPerElement),
    (scratch) =>
      kernels.prob_gaussian_log_likelihood_grad_f32(
        backend.ptr(x),
        backend.ptr(mean),
        perElement(mean, x),
        backend.ptr(logVar),
        logVarPerElement,
        backend.ptr(dy),
        attrs.elementwise ? 1 : 0,
        backend.ptr(dx),
        backend.ptr(dMean),
        backend.ptr(dLogVar),
        rows,
        cols,
        attrs.logVarFloor,
        optionalPtr(backend, weights),
        scratch,
      ),
  );
  return [dx, dMean, dLogVar];
}

export const gaussianLogLikelihoodGradConfig = probKernelConfig(GaussianLogLikelihoodGrad, gaussianLogLikelihoodGrad);
