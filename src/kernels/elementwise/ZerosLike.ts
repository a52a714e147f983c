import {
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type UnaryInputs,
  ZerosLike,
} from '@tensorflow/tfjs-core';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import type { KernelArgs } from '../kernel_args.js';
import { fillTensor } from './Fill.js';

/** A tensor of x's shape and dtype filled with 0; complex and string tensors run on tfjs-backend-cpu. */
export function zerosLike(args: KernelArgs<UnaryInputs>): TensorInfo {
  const {
    inputs: { x },
    backend,
  } = args;
  if (x.dtype !== 'float32' && x.dtype !== 'int32' && x.dtype !== 'bool') {
    return runOnCpu(ZerosLike, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  return fillTensor(backend, x.shape, 0, x.dtype);
}

export const zerosLikeConfig: KernelConfig = {
  kernelName: ZerosLike,
  backendName: 'simd',
  kernelFunc: zerosLike as unknown as KernelFunc,
};
