import {
  type KernelConfig,
  type KernelFunc,
  Min,
  type MinAttrs,
  type MinInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { OP_MIN } from '../../wasm/constants.generated.js';
import type { KernelArgs } from '../kernel_args.js';
import { isNumericDtype, reduceAlongAxes } from './axes.js';
import { reduceOnCpu } from './cpu.js';
import { axesAscending } from './plan.js';

/** Minimum over axes; NaN anywhere gives NaN; over no element NaN (float32) or 0 (int32), as on cpu. */
export function min(args: KernelArgs<MinInputs, MinAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { axis, keepDims },
    backend,
  } = args;
  // cpu folds in the order the axes are given, which decides the sign of a zero result: keep that order.
  const inCpuOrder = x.dtype === 'int32' || axesAscending(x.shape, axis);
  if (!isNumericDtype(x) || !inCpuOrder) return reduceOnCpu(Min, args);
  return reduceAlongAxes(backend, x, axis, keepDims, OP_MIN, x.dtype === 'float32' ? NaN : 0);
}

export const minConfig: KernelConfig = {
  kernelName: Min,
  backendName: 'simd',
  kernelFunc: min as unknown as KernelFunc,
};
