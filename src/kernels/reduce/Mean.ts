import {
  type KernelConfig,
  type KernelFunc,
  Mean,
  type MeanAttrs,
  type MeanInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { OP_SUM } from '../../wasm/constants.generated.js';
import type { KernelArgs } from '../kernel_args.js';
import { reduceOnCpu } from './cpu.js';
import { planReduction } from './plan.js';
import { runReduction } from './run.js';
import { reduceAlongMiddle } from './threads.js';

/**
 * Mean over axes: the f64 sum divided by the count, rounded once. cpu divides each element first, then sums;
 * both are within float32 rounding of the exact mean. Over no element cpu's mean is 0 (a sum of nothing).
 * A reduction in several calls takes the mean at every call (a mean of equal-sized means is the mean), so
 * that no float32 intermediate overflows where the mean itself is finite (3e38 and 3e38 average to 3e38).
 * Other dtypes (cast to float32 on cpu) run there.
 */
export function mean(args: KernelArgs<MeanInputs, MeanAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { axis, keepDims },
    backend,
  } = args;
  if (x.dtype !== 'float32') return reduceOnCpu(Mean, args);
  const plan = planReduction(x.shape, axis);
  return runReduction(backend, x, plan, keepDims, {
    dtype: 'float32',
    emptyValue: 0,
    run: (src, dst, { outer, n, inner }) =>
      reduceAlongMiddle(backend.wasm, backend.threadPool, 'reduce_f32', OP_SUM, src, dst, outer, n, inner, n),
  });
}

export const meanConfig: KernelConfig = {
  kernelName: Mean,
  backendName: 'simd',
  kernelFunc: mean as unknown as KernelFunc,
};
