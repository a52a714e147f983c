import { type Tensor, tidy } from '@tensorflow/tfjs-core';
import { GaussianLogLikelihood } from '../kernel_names/prob.js';
import {
  type GaussianLogLikelihoodSettings,
  gaussianLogLikelihoodComposite,
} from './composite/gaussian_log_likelihood.js';
import {
  assertBroadcastsTo,
  assertMinRank,
  bufferForGradient,
  floatInput,
  hasFusedKernel,
  kernelOperand,
  runFused,
  type TensorOrLike,
} from './prob_util.js';

const OP = 'gaussianLogLikelihood';
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export interface GaussianLogLikelihoodOptions {
  /** Include −½·log 2π per element (default true); leave it out for a loss that only needs gradients. */
  includeConstant?: boolean;
  /** 'sum' (default) sums over the last axis; 'none' returns one log-density per element. */
  reduction?: 'sum' | 'none';
  /**
   * Lower bound for the variance exp(logVar), like PyTorch GaussianNLLLoss's eps. It is applied as
   * max(logVar, log(varianceFloor)): values above the floor keep their gradient, clamped ones get 0.
   */
  varianceFloor?: number;
}

/**
 * log N(x; mean, diag(exp(logVar))), computed in log space so that it never underflows, summed over the
 * last axis (shape: x's without its last axis) unless `reduction: 'none'`. mean and logVar broadcast
 * against x: per element, per feature ([d]) or scalar.
 */
export function gaussianLogLikelihood(
  x: TensorOrLike,
  mean: TensorOrLike,
  logVar: TensorOrLike,
  options: GaussianLogLikelihoodOptions = {},
): Tensor {
  const settings = gaussianSettings(options);
  return tidy(() => {
    const $x = floatInput(x, 'x', OP);
    const $mean = floatInput(mean, 'mean', OP);
    const $logVar = floatInput(logVar, 'logVar', OP);
    assertMinRank(OP, 'x', $x, 1);
    assertBroadcastsTo(OP, 'mean', $mean, 'x', $x);
    assertBroadcastsTo(OP, 'logVar', $logVar, 'x', $x);
    if (!hasFusedKernel(GaussianLogLikelihood)) {
      return gaussianLogLikelihoodComposite($x, $mean, $logVar, settings);
    }
    const operands = { x: $x, mean: kernelOperand($mean, $x.shape), logVar: kernelOperand($logVar, $x.shape) };
    const inputs = { ...operands, ...bufferForGradient('weights', operands.logVar, $x.shape) };
    return runFused(GaussianLogLikelihood, inputs, {
      logVarFloor: settings.logVarFloor,
      constant: settings.constant,
      elementwise: settings.elementwise,
    });
  });
}

function gaussianSettings(options: GaussianLogLikelihoodOptions): GaussianLogLikelihoodSettings {
  const { includeConstant = true, reduction = 'sum', varianceFloor } = options;
  if (reduction !== 'sum' && reduction !== 'none') {
    throw new Error(`${OP}: options.reduction must be 'sum' or 'none', got '${reduction}'.`);
  }
  if (varianceFloor != null && !(varianceFloor >= 0)) {
    throw new Error(`${OP}: options.varianceFloor must be a number >= 0, got ${varianceFloor}.`);
  }
  return {
    logVarFloor: varianceFloor == null ? -Infinity : Math.log(varianceFloor),
    constant: includeConstant ? HALF_LOG_2PI : 0,
    elementwise: reduction === 'none',
  };
}
