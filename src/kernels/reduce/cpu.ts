// The cpu fallback for the reduction kernels' uncommon cases (other dtypes, attributes cpu rejects).
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import type { KernelArgs } from '../kernel_args.js';

export function reduceOnCpu<I, A>(kernelName: string, args: KernelArgs<I, A>): TensorInfo {
  return runOnCpu(kernelName, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
}
