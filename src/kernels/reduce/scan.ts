// Cumsum and Cumprod along one axis: one WASM call, vectorised along the axes after it.
import { type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import type { ExportTaking } from '../../wasm/export_types.js';
import { singleAxisStep } from './plan.js';

export interface ScanAttrs {
  axis: number;
  exclusive: boolean;
  reverse: boolean;
}

/**
 * The attributes with a negative axis counted from the end (-1 is the last axis), as TensorFlow reads it.
 * tfjs-backend-cpu does not normalise it and returns a tensor of shape [undefined] without values.
 */
export function withAxisFromEnd<A extends { axis: number }>(x: TensorInfo, attrs: A): A {
  const rank = x.shape.length;
  return Number.isInteger(attrs.axis) && attrs.axis < 0 && attrs.axis >= -rank
    ? { ...attrs, axis: attrs.axis + rank }
    : attrs;
}

/** Whether the scan runs natively: cpu's own axis handling is kept for anything but 0 <= axis < rank. */
export function isNativeScan(x: TensorInfo, axis: number, dtypes: string[]): boolean {
  return dtypes.includes(x.dtype) && Number.isInteger(axis) && axis >= 0 && axis < x.shape.length;
}

export function scanAlongAxis(
  backend: SimdBackend,
  x: TensorInfo,
  { axis, exclusive, reverse }: ScanAttrs,
  kernel: ExportTaking<7>,
): TensorInfo {
  const out = backend.makeOutput(x.shape, x.dtype);
  if (util.sizeFromShape(x.shape) === 0) return out;
  const { outer, n, inner } = singleAxisStep(x.shape, axis);
  backend.wasm.kernels[kernel](backend.ptr(x), backend.ptr(out), outer, n, inner, Number(exclusive), Number(reverse));
  return out;
}
