import {
  type KernelConfig,
  type KernelFunc,
  Pack,
  type PackAttrs,
  type PackInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { concat } from './Concat.js';
import { expandDims } from './ExpandDims.js';

/** Stacking is concatenation along a new axis of extent 1 (the expanded views share their data). */
export function pack({ inputs, attrs: { axis }, backend }: KernelArgs<PackInputs, PackAttrs>): TensorInfo {
  if (inputs.length === 1) return expandDims({ inputs: { input: inputs[0] }, attrs: { dim: axis }, backend });
  const { shape, dtype } = inputs[0];
  for (const t of inputs) {
    util.assertShapesMatch(shape, t.shape, 'All tensors passed to stack must have matching shapes');
    util.assert(dtype === t.dtype, () => 'All tensors passed to stack must have matching dtypes');
  }
  const expanded = inputs.map((t) => expandDims({ inputs: { input: t }, attrs: { dim: axis }, backend }));
  try {
    return concat({ inputs: expanded, attrs: { axis }, backend });
  } finally {
    expanded.forEach((t) => backend.disposeIntermediateTensorInfo(t));
  }
}

export const packConfig: KernelConfig = {
  kernelName: Pack,
  backendName: 'simd',
  kernelFunc: pack as unknown as KernelFunc,
};
