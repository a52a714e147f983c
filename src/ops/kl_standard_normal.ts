import { type Tensor, tidy } from '@tensorflow/tfjs-core';
import { KlStandardNormal } from '../kernel_names/prob.js';
import { klStandardNormalComposite } from './composite/kl_standard_normal.js';
import {
  broadcastShape,
  bufferForGradient,
  floatInput,
  formatShape,
  hasFusedKernel,
  kernelOperand,
  runFused,
  type TensorOrLike,
} from './prob_util.js';

const OP = 'klStandardNormal';

/**
 * KL(N(mean, diag(exp(logVar))) ‖ N(0, I)) = ½·Σ(exp(logVar) + mean² − 1 − logVar) over the last axis.
 * mean and logVar broadcast against each other; the result has their broadcast shape without the last axis.
 */
export function klStandardNormal(mean: TensorOrLike, logVar: TensorOrLike): Tensor {
  return tidy(() => {
    const $mean = floatInput(mean, 'mean', OP);
    const $logVar = floatInput(logVar, 'logVar', OP);
    const shape = broadcastShape(OP, 'mean', $mean, 'logVar', $logVar);
    if (shape.length === 0) {
      throw new Error(
        `${OP}: mean of shape ${formatShape($mean.shape)} and logVar of shape ` +
          `${formatShape($logVar.shape)} have no axis to sum over (rank >= 1 needed).`,
      );
    }
    if (!hasFusedKernel(KlStandardNormal)) return klStandardNormalComposite($mean, $logVar);
    const operands = { mean: kernelOperand($mean, shape), logVar: kernelOperand($logVar, shape) };
    return runFused(KlStandardNormal, { ...operands, ...bufferForGradient('variance', operands.logVar, shape) });
  });
}
