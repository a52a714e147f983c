import {
  backend_util,
  GatherNd,
  type GatherNdInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { bytesPerElement } from '../../backend/backend_simd.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { layoutOnCpu } from './fallback.js';

/**
 * Slices of params picked by the rows of indices: out[s, ...] = params[indices[s, 0], ..., indices[s, r-1], ...].
 * As on tfjs-backend-cpu, a row is an error only when its flat position falls outside params, and the error
 * names the first such row.
 */
export function gatherNd(args: KernelArgs<GatherNdInputs, NoAttrs>): TensorInfo {
  const {
    inputs: { params, indices },
    backend,
  } = args;
  if (params.dtype === 'string' || params.dtype === 'complex64') return layoutOnCpu(GatherNd, args) as TensorInfo;
  const [outShape, numSlices, sliceSize, strides] = backend_util.prepareAndValidate(params, indices);
  const out = backend.makeOutput(outShape, params.dtype);
  if (numSlices === 0) return out;
  const sliceRank = strides.length;
  const wasm = backend.wasm;
  const bad = wasm.withScratch(4 * Math.max(sliceRank, 1), (stridesPtr) => {
    wasm.i32(stridesPtr, sliceRank).set(strides);
    const slices = util.sizeFromShape(params.shape) / sliceSize;
    return wasm.kernels.layout_gather_nd_f32(
      backend.ptr(out),
      backend.ptr(params),
      backend.ptr(indices),
      numSlices,
      sliceRank,
      stridesPtr,
      slices,
      sliceSize * bytesPerElement(params.dtype),
    );
  });
  if (bad >= 0) {
    const row = Array.from(backend.view(indices.dataId).subarray(bad * sliceRank, (bad + 1) * sliceRank));
    throw new Error(`Invalid indices: ${row} does not index into ${params.shape}`);
  }
  return out;
}

export const gatherNdConfig: KernelConfig = {
  kernelName: GatherNd,
  backendName: 'simd',
  kernelFunc: gatherNd as unknown as KernelFunc,
};
