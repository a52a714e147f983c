import {
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  UnsortedSegmentSum,
  type UnsortedSegmentSumAttrs,
  type UnsortedSegmentSumInputs,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { reduceOnCpu } from './cpu.js';

/**
 * out[s, ...] = the sum of the rows x[i, ...] whose segmentIds[i] is s: the gradient of every gather (an
 * Embedding layer's included). Equal to tfjs-backend-cpu's (float64 sums, in row order; an infinity or NaN
 * spreads to other segments' columns as cpu's masked sums spread it); ids outside [0, numSegments) add nowhere. Where cpu broadcasts other shapes or dtypes, cpu's code runs.
 */
export function unsortedSegmentSum(args: KernelArgs<UnsortedSegmentSumInputs, UnsortedSegmentSumAttrs>): TensorInfo {
  const {
    inputs: { x, segmentIds },
    attrs: { numSegments },
    backend,
  } = args;
  if (!Number.isInteger(numSegments) || numSegments < 0) {
    throw new Error(`UnsortedSegmentSum: numSegments must be a non-negative integer, got ${numSegments}.`);
  }
  const rowsMatch = segmentIds.shape.length === 1 && x.shape.length >= 1 && x.shape[0] === segmentIds.shape[0];
  if (x.dtype !== 'float32' || segmentIds.dtype !== 'int32' || !rowsMatch) {
    return reduceOnCpu(UnsortedSegmentSum, args);
  }
  const rowShape = x.shape.slice(1);
  const out = backend.makeOutput([numSegments, ...rowShape], 'float32');
  const width = util.sizeFromShape(rowShape);
  if (numSegments === 0 || width === 0) return out;
  const n = x.shape[0];
  const wasm = backend.wasm;
  wasm.withScratch(wasm.kernels.reduce_segment_sum_scratch_bytes(n, numSegments, width), (scratch) =>
    wasm.kernels.reduce_unsorted_segment_sum_f32(
      backend.ptr(out),
      backend.ptr(x),
      backend.ptr(segmentIds),
      n,
      numSegments,
      width,
      scratch,
    ),
  );
  return out;
}

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'simd',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
