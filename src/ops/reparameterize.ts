import { randomNormal, type Tensor, tidy, util } from '@tensorflow/tfjs-core';
import { Reparameterize } from '../kernel_names/prob.js';
import { reparameterizeComposite } from './composite/reparameterize.js';
import { broadcastShape, floatInput, hasFusedKernel, kernelOperand, runFused, type TensorOrLike } from './prob_util.js';

const OP = 'reparameterize';

/**
 * A differentiable sample z = mean + exp(½·logVar)·ε with ε ~ N(0, I) of the broadcast shape of mean and
 * logVar. ε comes from tf.randomNormal, which runs the same seeded generator on every backend: a given
 * seed gives the same ε everywhere, so the same z up to float32 rounding of exp.
 * Gradients reach mean and logVar (ε is a constant).
 */
export function reparameterize(mean: TensorOrLike, logVar: TensorOrLike, seed?: number): Tensor {
  return tidy(() => {
    const $mean = floatInput(mean, 'mean', OP);
    const $logVar = floatInput(logVar, 'logVar', OP);
    const shape = broadcastShape(OP, 'mean', $mean, 'logVar', $logVar);
    return reparameterizeWithNoise($mean, $logVar, randomNormal(shape, 0, 1, 'float32', seed));
  });
}

/**
 * reparameterize with ε given (the broadcast shape of mean and logVar): the same kernels on the same values, for
 * a compiled step, which takes its random draws as arguments.
 */
export function reparameterizeWithNoise(mean: TensorOrLike, logVar: TensorOrLike, eps: Tensor): Tensor {
  return tidy(() => {
    const $mean = floatInput(mean, 'mean', OP);
    const $logVar = floatInput(logVar, 'logVar', OP);
    const shape = broadcastShape(OP, 'mean', $mean, 'logVar', $logVar);
    if (!util.arraysEqual(eps.shape, shape)) {
      throw new Error(`${OP}: eps must have the broadcast shape of mean and logVar [${shape}], got [${eps.shape}]`);
    }
    if (!hasFusedKernel(Reparameterize)) return reparameterizeComposite($mean, $logVar, eps);
    return runFused(Reparameterize, { mean: kernelOperand($mean, shape), logVar: kernelOperand($logVar, shape), eps });
  });
}
