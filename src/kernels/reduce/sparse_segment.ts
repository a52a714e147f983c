// SparseSegmentSum and SparseSegmentMean (embedding lookups of converted text models): one native kernel.
import { type SparseSegmentSumInputs, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { reduceOnCpu } from './cpu.js';

/**
 * out[s, ...] = the sum (or mean) of data[indices[i], ...] over the i with segmentIds[i] = s, ids sorted; equal
 * to tfjs-backend-cpu's. Inputs cpu rejects, and dtypes other than float32, run cpu's code (and its errors).
 */
export function sparseSegmentReduction(
  kernelName: string,
  args: KernelArgs<SparseSegmentSumInputs, NoAttrs>,
  mean: boolean,
): TensorInfo {
  const {
    inputs: { data, indices, segmentIds },
    backend,
  } = args;
  const onCpu = () => reduceOnCpu(kernelName, args);
  const n = indices.shape[0];
  const vectors = indices.shape.length === 1 && segmentIds.shape.length === 1 && segmentIds.shape[0] === n;
  if (data.dtype !== 'float32' || data.shape.length < 1 || !vectors) return onCpu();
  const rowShape = data.shape.slice(1);
  if (n === 0) return backend.makeOutput([0, ...rowShape], 'float32');
  const outputRows = backend.view(segmentIds.dataId)[n - 1] + 1;
  if (outputRows <= 0) return onCpu();
  const out = backend.makeOutput([outputRows, ...rowShape], 'float32');
  const width = util.sizeFromShape(rowShape);
  const invalid = backend.wasm.kernels.reduce_sparse_segment_f32(
    backend.ptr(out),
    backend.ptr(data),
    backend.ptr(indices),
    backend.ptr(segmentIds),
    n,
    outputRows,
    data.shape[0],
    width,
    mean ? 1 : 0,
  );
  if (invalid === 0) return out;
  backend.disposeIntermediateTensorInfo(out);
  return onCpu();
}
