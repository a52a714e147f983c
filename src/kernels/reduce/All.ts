import {
  All,
  type AllAttrs,
  type AllInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { OP_MIN } from '../../wasm/constants.generated.js';
import type { KernelArgs } from '../kernel_args.js';
import { reduceAlongAxes } from './axes.js';
import { reduceOnCpu } from './cpu.js';

/** Logical and over axes (the minimum of 0/1 bytes). Over no element cpu gives false, not true, and so do we. */
export function all(args: KernelArgs<AllInputs, AllAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { axis, keepDims },
    backend,
  } = args;
  if (x.dtype !== 'bool') return reduceOnCpu(All, args);
  return reduceAlongAxes(backend, { ...x, dtype: 'bool' }, axis, keepDims, OP_MIN, 0);
}

export const allConfig: KernelConfig = {
  kernelName: All,
  backendName: 'simd',
  kernelFunc: all as unknown as KernelFunc,
};
