import { type KernelConfig, type KernelFunc, OnesLike, type TensorInfo, type UnaryInputs } from '@tensorflow/tfjs-core';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import type { KernelArgs } from '../kernel_args.js';
import { fillTensor } from './Fill.js';

/** A tensor of x's shape and dtype filled with 1; complex and string tensors run on tfjs-backend-cpu. */
export function onesLike(args: KernelArgs<UnaryInputs>): TensorInfo {
  const {
    inputs: { x },
    backend,
  } = args;
  if (x.dtype !== 'float32' && x.dtype !== 'int32' && x.dtype !== 'bool') {
    return runOnCpu(OnesLike, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  return fillTensor(backend, x.shape, 1, x.dtype);
}

export const onesLikeConfig: KernelConfig = {
  kernelName: OnesLike,
  backendName: 'simd',
  kernelFunc: onesLike as unknown as KernelFunc,
};
