import {
  type KernelConfig,
  type KernelFunc,
  Sum,
  type SumAttrs,
  type SumInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { OP_SUM } from '../../wasm/constants.generated.js';
import type { KernelArgs } from '../kernel_args.js';
import { isNumericDtype, reduceAlongAxes } from './axes.js';
import { reduceOnCpu } from './cpu.js';

/** Sum over axes; the sum over no element is 0. bool (summed as int32) and complex run on cpu. */
export function sum(args: KernelArgs<SumInputs, SumAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { axis, keepDims },
    backend,
  } = args;
  if (!isNumericDtype(x)) return reduceOnCpu(Sum, args);
  return reduceAlongAxes(backend, x, axis, keepDims, OP_SUM, 0);
}

export const sumConfig: KernelConfig = {
  kernelName: Sum,
  backendName: 'simd',
  kernelFunc: sum as unknown as KernelFunc,
};
