import {
  ExpandDims,
  type ExpandDimsAttrs,
  type ExpandDimsInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { reshape } from './Reshape.js';

/** A new axis of extent 1 at `dim` (negative counts from the end): a reshape, so the data is shared. */
export function expandDims({
  inputs: { input },
  attrs: { dim },
  backend,
}: KernelArgs<ExpandDimsInputs, ExpandDimsAttrs>): TensorInfo {
  const rank = input.shape.length;
  let $dim = dim;
  if (dim < 0) {
    util.assert(-(rank + 1) <= dim, () => `Axis must be in the interval [${-(rank + 1)}, ${rank}]`);
    $dim = rank + dim + 1;
  }
  const shape = input.shape.slice();
  shape.splice($dim, 0, 1);
  return reshape({ inputs: { x: input }, attrs: { shape }, backend });
}

export const expandDimsConfig: KernelConfig = {
  kernelName: ExpandDims,
  backendName: 'simd',
  kernelFunc: expandDims as unknown as KernelFunc,
};
