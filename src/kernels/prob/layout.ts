// How the probabilistic kernels see their tensors: rows of `cols` values along the last axis, and
// operands that are either per element or one value per feature shared by all rows.
import { type KernelConfig, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import type { KernelArgs } from '../kernel_args.js';

export interface RowLayout {
  rows: number;
  cols: number;
}

/** A shape as rows of its last axis (a scalar is one row of one value). */
export function rowLayout(shape: number[]): RowLayout {
  const cols = shape.length === 0 ? 1 : shape[shape.length - 1];
  const size = util.sizeFromShape(shape);
  return { rows: cols === 0 ? util.sizeFromShape(shape.slice(0, -1)) : size / cols, cols };
}

/** 1 if `operand` holds one value per element of `full`, 0 if one per feature. */
export function perElement(operand: TensorInfo, full: TensorInfo): number {
  return util.sizeFromShape(operand.shape) === util.sizeFromShape(full.shape) ? 1 : 0;
}

/** Of two operands, the one with the full shape (the other has the same shape or is per feature). */
export function fullOperand(a: TensorInfo, b: TensorInfo): TensorInfo {
  return a.shape.length >= b.shape.length ? a : b;
}

/** A float32 output of `shape`. */
export function floatOutput(backend: SimdBackend, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32');
}

/** A 'simd' kernel config for a typed kernel function. */
export function probKernelConfig<Inputs, Attrs>(
  kernelName: string,
  kernelFunc: (args: KernelArgs<Inputs, Attrs>) => TensorInfo | TensorInfo[],
): KernelConfig {
  return { kernelName, backendName: 'simd', kernelFunc: kernelFunc as unknown as KernelFunc };
}

/** The pointer of an optional input, 0 when it is absent or empty (the kernels then compute what it would hold). */
export function optionalPtr(backend: SimdBackend, info: TensorInfo | undefined): number {
  // An empty tensor has no block to write (guarded memory gives it one, guarded all round: not to be filled).
  return info == null || util.sizeFromShape(info.shape) === 0 ? 0 : backend.ptr(info);
}
