import {
  backend_util,
  type KernelConfig,
  type KernelFunc,
  SplitV,
  type SplitVAttrs,
  type SplitVInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { layoutOnCpu } from './fallback.js';
import { sliceTensor } from './slice_tensor.js';

/** Consecutive slices along `axis`, of the sizes tfjs-core derives from `numOrSizeSplits`. */
export function splitV(args: KernelArgs<SplitVInputs, SplitVAttrs>): TensorInfo[] {
  const {
    inputs: { x },
    attrs: { numOrSizeSplits, axis },
    backend,
  } = args;
  const $axis = util.parseAxisParam(axis, x.shape)[0];
  const splitSizes = backend_util.prepareSplitSize(x, numOrSizeSplits, $axis);
  if (x.dtype === 'string') return layoutOnCpu(SplitV, args) as TensorInfo[];
  const begin = x.shape.map(() => 0);
  return splitSizes.map((s) => {
    const size = x.shape.slice();
    size[$axis] = s;
    const part = sliceTensor(backend, x, begin, size);
    begin[$axis] += s;
    return part;
  });
}

export const splitVConfig: KernelConfig = {
  kernelName: SplitV,
  backendName: 'simd',
  kernelFunc: splitV as unknown as KernelFunc,
};
