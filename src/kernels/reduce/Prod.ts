import {
  type KernelConfig,
  type KernelFunc,
  Prod,
  type ProdAttrs,
  type ProdInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { reduceOnCpu } from './cpu.js';
import { planReduction } from './plan.js';
import { runReduction } from './run.js';

/**
 * Product over axes, accumulated in f64 like cpu's; 1 over no element. int32 and bool (whose cpu products are
 * doubles rounded to int32, not wrapping products) run on cpu.
 */
export function prod(args: KernelArgs<ProdInputs, ProdAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { axis, keepDims },
    backend,
  } = args;
  if (x.dtype !== 'float32') return reduceOnCpu(Prod, args);
  return runReduction(backend, x, planReduction(x.shape, axis), keepDims, {
    dtype: 'float32',
    emptyValue: 1,
    run: (src, dst, { outer, n, inner }) => backend.wasm.kernels.reduce_prod_f32(src, dst, outer, n, inner),
  });
}

export const prodConfig: KernelConfig = {
  kernelName: Prod,
  backendName: 'simd',
  kernelFunc: prod as unknown as KernelFunc,
};
