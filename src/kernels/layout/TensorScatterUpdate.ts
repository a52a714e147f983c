import {
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  TensorScatterUpdate,
  type TensorScatterUpdateInputs,
} from '@tensorflow/tfjs-core';
import { bytesPerElement } from '../../backend/backend_simd.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { layoutOnCpu } from './fallback.js';
import { isNativeScatter, scatterSlices } from './scatter.js';

/** A copy of `tensor` with the slices `indices` names replaced by `updates` (the last of repeated ones wins). */
export function tensorScatterUpdate(args: KernelArgs<TensorScatterUpdateInputs, NoAttrs>): TensorInfo {
  const {
    inputs: { tensor, indices, updates },
    backend,
  } = args;
  if (!isNativeScatter(indices, updates) || tensor.dtype !== updates.dtype) {
    return layoutOnCpu(TensorScatterUpdate, args) as TensorInfo;
  }
  const out = backend.makeOutput(tensor.shape, tensor.dtype);
  const bytes = tensor.shape.reduce((a, b) => a * b, 1) * bytesPerElement(tensor.dtype);
  if (bytes > 0) backend.wasm.kernels.memory_copy(backend.ptr(out), backend.ptr(tensor), bytes);
  scatterSlices(backend, out, indices, updates, tensor.shape, 'set');
  return out;
}

export const tensorScatterUpdateConfig: KernelConfig = {
  kernelName: TensorScatterUpdate,
  backendName: 'simd',
  kernelFunc: tensorScatterUpdate as unknown as KernelFunc,
};
