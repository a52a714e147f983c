import {
  type KernelConfig,
  type KernelFunc,
  ScatterNd,
  type ScatterNdAttrs,
  type ScatterNdInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { layoutOnCpu } from './fallback.js';
import { isNativeScatter, scatterSlices } from './scatter.js';

/** A tensor of `shape`, zero but where update slices land; slices landing on one place add, in update order. */
export function scatterNd(args: KernelArgs<ScatterNdInputs, ScatterNdAttrs>): TensorInfo {
  const {
    inputs: { indices, updates },
    attrs: { shape },
    backend,
  } = args;
  if (!isNativeScatter(indices, updates)) return layoutOnCpu(ScatterNd, args) as TensorInfo;
  const out = backend.makeOutput(shape, updates.dtype);
  scatterSlices(backend, out, indices, updates, shape, 'add');
  return out;
}

export const scatterNdConfig: KernelConfig = {
  kernelName: ScatterNd,
  backendName: 'simd',
  kernelFunc: scatterNd as unknown as KernelFunc,
};
