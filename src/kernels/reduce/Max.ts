import {
  type KernelConfig,
  type KernelFunc,
  Max,
  type MaxAttrs,
  type MaxInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { OP_MAX } from '../../wasm/constants.generated.js';
import type { KernelArgs } from '../kernel_args.js';
import { isNumericDtype, reduceAlongAxes } from './axes.js';
import { reduceOnCpu } from './cpu.js';
import { axesAscending } from './plan.js';

/**
 * Maximum over axes; NaN anywhere gives NaN. Over no element cpu reads past the data: NaN for float32, 0 for
 * int32, and so do we.
 */
export function max(args: KernelArgs<MaxInputs, MaxAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { reductionIndices, keepDims },
    backend,
  } = args;
  // cpu folds in the order the axes are given, which decides the sign of a zero result: keep that order.
  const inCpuOrder = x.dtype === 'int32' || axesAscending(x.shape, reductionIndices);
  if (!isNumericDtype(x) || !inCpuOrder) return reduceOnCpu(Max, args);
  return reduceAlongAxes(backend, x, reductionIndices, keepDims, OP_MAX, x.dtype === 'float32' ? NaN : 0);
}

export const maxConfig: KernelConfig = {
  kernelName: Max,
  backendName: 'simd',
  kernelFunc: max as unknown as KernelFunc,
};
