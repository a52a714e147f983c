import { KernelConfig, KernelFunc, TensorInfo, util } from '@tensorflow/tfjs-core';
import { elementwiseF32 } from '../threads/elementwise_threads.js';
import type { KernelArgs } from './util/kernel_args.js';
import { AdamUpdate, AdamUpdateAttrs, AdamUpdateInputs } from './util/optim_kernel_names.js';

const f32 = Math.fround;

/**
 * Elements per thread below which splitting the update does not pay (a sleeping worker takes tens of
 * microseconds to wake; the update runs at ~1.5 ns per element). Measured by bench/suites/threads.mjs.
 */
export const ADAM_MIN_PER_THREAD = 1 << 15;

/** [m', v', param'] of one Adam step, in one sweep over the four inputs (float32, one shape). */
export function adamUpdate(
  { inputs: { param, gradient, m, v }, attrs, backend }: KernelArgs<AdamUpdateInputs, AdamUpdateAttrs>,
): TensorInfo[] {
  const shape = param.shape;
  for (const [name, t] of Object.entries({ gradient, m, v, param })) {
    if (t.dtype !== 'float32' || !util.arraysEqual(t.shape, shape)) {
      throw new Error(`${AdamUpdate}: '${name}' must be float32 of shape [${shape}], got ${t.dtype} [${t.shape}].`);
    }
  }
  const outputs = [m, v, param].map((t) => backend.makeOutput(t.shape, 'float32'));
  const size = util.sizeFromShape(shape);
  if (size === 0) return outputs;
  const [mOut, vOut, paramOut] = outputs;
  const { beta1, beta2, oneMinusAccBeta1, oneMinusAccBeta2, epsilon, negLearningRate } = attrs;
  const pointers = [gradient, m, v, param, mOut, vOut, paramOut].map((t) => backend.ptr(t));
  // 1 − β is computed in float64 then rounded, as tfjs does for `mul(gradient, 1 - beta1)`.
  const scalars = [f32(beta1), f32(1 - beta1), f32(beta2), f32(1 - beta2),
    f32(oneMinusAccBeta1), f32(oneMinusAccBeta2), f32(epsilon), f32(negLearningRate)];
  elementwiseF32(backend.wasm, backend.threadPool, 'optimAdam', pointers, size, scalars, ADAM_MIN_PER_THREAD);
  return outputs;
}

export const adamUpdateConfig: KernelConfig = {
  kernelName: AdamUpdate, backendName: 'simd', kernelFunc: adamUpdate as unknown as KernelFunc,
};
