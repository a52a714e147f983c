import {
  type DataType,
  Fill,
  type FillAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import { elementBits } from '../element_bits.js';
import type { KernelArgs, NoInputs } from '../kernel_args.js';

/** A new tensor of `shape` with every element `value`, stored as a typed array of `dtype` stores it. */
export function fillTensor(backend: SimdBackend, shape: number[], value: number, dtype: DataType): TensorInfo {
  const out = backend.makeOutput(shape, dtype);
  const size = util.sizeFromShape(shape);
  if (size === 0) return out;
  const ptr = backend.ptr(out);
  if (dtype === 'bool') {
    backend.wasm.kernels.elementwise_fill_bytes(ptr, size, Number(value) & 0xff);
  } else {
    const bits = dtype === 'float32' ? elementBits('float32', value)[0] : Number(value) | 0;
    backend.wasm.kernels.elementwise_fill_4byte(ptr, size, bits);
  }
  return out;
}

/** Fills a new tensor with one value; strings run on tfjs-backend-cpu. */
export function fill(args: KernelArgs<NoInputs, FillAttrs>): TensorInfo {
  const {
    attrs: { shape, value, dtype },
    backend,
  } = args;
  const $dtype = dtype ?? util.inferDtype(value);
  if ($dtype !== 'float32' && $dtype !== 'int32' && $dtype !== 'bool') {
    return runOnCpu(Fill, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  return fillTensor(backend, shape, value as number, $dtype);
}

export const fillConfig: KernelConfig = {
  kernelName: Fill,
  backendName: 'simd',
  kernelFunc: fill as unknown as KernelFunc,
};
