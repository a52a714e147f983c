// The CPU path for inputs the byte-moving kernels do not store in linear memory (strings) or cannot
// reinterpret (mixed dtypes): tfjs-backend-cpu's own kernel, on the same tensors.
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import type { KernelArgs } from '../kernel_args.js';

export function layoutOnCpu<I, A>(kernelName: string, args: KernelArgs<I, A>): TensorInfo | TensorInfo[] {
  return runOnCpu(kernelName, args as unknown as Parameters<KernelFunc>[0]);
}
