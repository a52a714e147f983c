import {
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  Tile,
  type TileAttrs,
  type TileInputs,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { stridedCopy } from './copy.js';
import { layoutOnCpu } from './fallback.js';
import { rowMajorStrides } from './geometry.js';

/**
 * Each output axis k of extent reps_k·n_k splits into (repetition r, position p): out index r·n_k + p
 * reads x at p. As a copy box the repetition axes have source stride 0.
 */
export function tile(args: KernelArgs<TileInputs, TileAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { reps },
    backend,
  } = args;
  if (x.dtype === 'string') return layoutOnCpu(Tile, args) as TensorInfo;
  const outShape = x.shape.map((n, k) => n * reps[k]);
  const out = backend.makeOutput(outShape, x.dtype);
  const xStrides = rowMajorStrides(x.shape);
  const outStrides = rowMajorStrides(outShape);
  // Plain loops, not flatMap: V8 runs flatMap's callbacks far slower, and this runs per call.
  const box = { shape: [] as number[], srcStrides: [] as number[], dstStrides: [] as number[] };
  for (let k = 0; k < x.shape.length; k++) {
    box.shape.push(reps[k], x.shape[k]);
    box.srcStrides.push(0, xStrides[k]);
    box.dstStrides.push(outStrides[k] * x.shape[k], outStrides[k]);
  }
  stridedCopy(backend, backend.ptr(out), backend.ptr(x), x.dtype, box);
  return out;
}

export const tileConfig: KernelConfig = {
  kernelName: Tile,
  backendName: 'simd',
  kernelFunc: tile as unknown as KernelFunc,
};
