import { type KernelConfig, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs-core';
import { AdamUpdate, type AdamUpdateAttrs, type AdamUpdateInputs } from '../../kernel_names/optim.js';
import type { SplitThreshold } from '../../threads/split_policy.js';
import { elementwiseSweep } from '../../threads/sweep.js';
import type { KernelArgs } from '../kernel_args.js';

const f32 = Math.fround;

/**
 * Values per thread from which splitting the update pays (it runs at ~1 ns per value). Measured on 2 cores
 * by bench/suites/threads.mjs, split in 2 ÷ one thread: with the worker asleep, 32k values 0.75×, 64k
 * 1.06×, 128k 1.4×; with the worker awake, 8k already 1.3–1.7×.
 */
export const ADAM_SPLIT: SplitThreshold = { awake: 1 << 12, asleep: 1 << 15 };

/** [m', v', param'] of one Adam step, in one sweep over the four inputs (float32, one shape). */
export function adamUpdate({
  inputs: { param, gradient, m, v, accBeta1, accBeta2 },
  attrs,
  backend,
}: KernelArgs<AdamUpdateInputs, AdamUpdateAttrs>): TensorInfo[] {
  const shape = param.shape;
  for (const [name, t] of Object.entries({ gradient, m, v, param })) {
    if (t.dtype !== 'float32' || !util.arraysEqual(t.shape, shape)) {
      throw new Error(`${AdamUpdate}: '${name}' must be float32 of shape [${shape}], got ${t.dtype} [${t.shape}].`);
    }
  }
  for (const [name, t] of Object.entries({ accBeta1, accBeta2 })) {
    if (t?.dtype !== 'float32' || util.sizeFromShape(t.shape) !== 1) {
      throw new Error(
        `${AdamUpdate}: '${name}' must be a float32 scalar, got ${t == null ? 'none' : `${t.dtype} [${t.shape}]`}.`,
      );
    }
  }
  // 1 − βᵗ rounded to float32 from the float32 power, as AdamOptimizer's sub(1, accBeta) does.
  const oneMinusAccBeta1 = f32(1 - backend.view(accBeta1.dataId)[0]);
  const oneMinusAccBeta2 = f32(1 - backend.view(accBeta2.dataId)[0]);
  const outputs = [m, v, param].map((t) => backend.makeOutput(t.shape, 'float32'));
  const size = util.sizeFromShape(shape);
  if (size === 0) return outputs;
  const [mOut, vOut, paramOut] = outputs;
  const { beta1, beta2, epsilon, negLearningRate } = attrs;
  const pointers = [gradient, m, v, param, mOut, vOut, paramOut].map((t) => backend.ptr(t));
  // 1 − β is computed in float64 then rounded, as tfjs does for `mul(gradient, 1 - beta1)`.
  const scalars = [
    f32(beta1),
    f32(1 - beta1),
    f32(beta2),
    f32(1 - beta2),
    f32(oneMinusAccBeta1),
    f32(oneMinusAccBeta2),
    f32(epsilon),
    f32(negLearningRate),
  ];
  elementwiseSweep(backend.wasm, backend.threadPool, 'optim_adam_f32', pointers, size, scalars, ADAM_SPLIT);
  return outputs;
}

export const adamUpdateConfig: KernelConfig = {
  kernelName: AdamUpdate,
  backendName: 'simd',
  kernelFunc: adamUpdate as unknown as KernelFunc,
};
