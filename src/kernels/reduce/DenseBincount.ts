import {
  DenseBincount,
  type DenseBincountAttrs,
  type DenseBincountInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { binsOf } from './bins.js';
import { reduceOnCpu } from './cpu.js';

/**
 * Bincount of a vector, or of each row of a matrix ([rows, size]); `binaryOutput` marks bins with 1 for a
 * matrix (tfjs-layers' CategoryEncoding 'multiHot'). As on cpu, a vector's bins are counted whatever
 * `binaryOutput` says, so that results are cpu's bit for bit.
 */
export function denseBincount(args: KernelArgs<DenseBincountInputs, DenseBincountAttrs>): TensorInfo {
  const {
    inputs: { x, weights },
    attrs: { size, binaryOutput },
    backend,
  } = args;
  const binary = x.shape.length === 2 && Boolean(binaryOutput);
  return binsOf(backend, x, weights, size, binary) ?? reduceOnCpu(DenseBincount, args);
}

export const denseBincountConfig: KernelConfig = {
  kernelName: DenseBincount,
  backendName: 'simd',
  kernelFunc: denseBincount as unknown as KernelFunc,
};
