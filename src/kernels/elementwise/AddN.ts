import {
  AddN,
  type AddNInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import type { KernelArgs } from '../kernel_args.js';
import type { BinaryExport } from './binary.js';

const ADD_EXPORTS: Record<string, BinaryExport> = { float32: 'elementwise_add_f32', int32: 'elementwise_add_i32' };

/** t0 + t1 + ... summed left to right in the inputs' dtype, as tfjs-backend-cpu accumulates. */
export function addN(args: KernelArgs<AddNInputs>): TensorInfo {
  const { inputs, backend } = args;
  const tensors = inputs as unknown as TensorInfo[];
  const [first] = tensors;
  const exportName = ADD_EXPORTS[first.dtype];
  if (exportName == null || tensors.some((t) => t.dtype !== first.dtype)) {
    return runOnCpu(AddN, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  const out = backend.makeOutput(first.shape, first.dtype);
  const size = util.sizeFromShape(first.shape);
  if (size === 0) return out;
  const { kernels } = backend.wasm;
  const outPtr = backend.ptr(out);
  kernels.memory_copy(outPtr, backend.ptr(first), 4 * size);
  // out = out + t, in place: one same-shape row of the binary add.
  for (const t of tensors.slice(1)) kernels[exportName](outPtr, backend.ptr(t), outPtr, size, 1, 1, 0, 0);
  return out;
}

export const addNConfig: KernelConfig = {
  kernelName: AddN,
  backendName: 'simd',
  kernelFunc: addN as unknown as KernelFunc,
};
