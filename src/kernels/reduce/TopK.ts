import {
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  TopK,
  type TopKAttrs,
  type TopKInputs,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { reduceOnCpu } from './cpu.js';

/**
 * The k largest values along the last axis and their int32 indices, best first; equal values keep the lower
 * index first, as on tfjs-backend-cpu. cpu's unsorted order is its selection algorithm's own (the input order
 * when k = n), and its order among infinities and NaN that of its comparator: both cases run on cpu.
 */
export function topK(args: KernelArgs<TopKInputs, TopKAttrs>): TensorInfo[] {
  const {
    inputs: { x },
    attrs: { k, sorted },
    backend,
  } = args;
  const onCpu = () => reduceOnCpu(TopK, args) as unknown as TensorInfo[];
  const n = x.shape[x.shape.length - 1] ?? 1;
  if ((x.dtype !== 'float32' && x.dtype !== 'int32') || x.shape.length === 0) return onCpu();
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new Error(
      `TopK: k must be an integer in [0, ${n}] (the last dimension of x of shape [${x.shape}]), got ${k}.`,
    );
  }
  if (!sorted) return onCpu();
  const outShape = [...x.shape.slice(0, -1), k];
  const values = backend.makeOutput(outShape, x.dtype);
  const indices = backend.makeOutput(outShape, 'int32');
  const rows = util.sizeFromShape(outShape) / Math.max(k, 1);
  if (k === 0 || rows === 0) return [values, indices];
  const kernels = backend.wasm.kernels;
  const pointers = [backend.ptr(x), backend.ptr(values), backend.ptr(indices)] as const;
  if (x.dtype === 'int32') {
    kernels.reduce_top_k_i32(...pointers, rows, n, k);
  } else if (kernels.reduce_top_k_f32(...pointers, rows, n, k) !== 0) {
    backend.disposeIntermediateTensorInfo(values);
    backend.disposeIntermediateTensorInfo(indices);
    return onCpu();
  }
  return [values, indices];
}

export const topKConfig: KernelConfig = {
  kernelName: TopK,
  backendName: 'simd',
  kernelFunc: topK as unknown as KernelFunc,
};
