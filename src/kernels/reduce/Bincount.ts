import {
  Bincount,
  type BincountAttrs,
  type BincountInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { binsOf } from './bins.js';
import { reduceOnCpu } from './cpu.js';

/** out[v] = how many values of x are v (or the sum of their weights), for v < size; cpu's results bit for bit. */
export function bincount(args: KernelArgs<BincountInputs, BincountAttrs>): TensorInfo {
  const {
    inputs: { x, weights },
    attrs: { size },
    backend,
  } = args;
  if (x.shape.length !== 1) return reduceOnCpu(Bincount, args);
  return binsOf(backend, x, weights, size, false) ?? reduceOnCpu(Bincount, args);
}

export const bincountConfig: KernelConfig = {
  kernelName: Bincount,
  backendName: 'simd',
  kernelFunc: bincount as unknown as KernelFunc,
};
