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
import { type PreparedKernel, withPrepare } from '../../backend/prepared_kernel.js';
import type { KernelArgs } from '../kernel_args.js';
import { layoutOnCpu } from './fallback.js';
import { planSlice, sliceTensor } from './slice_tensor.js';

/** The parts of a split: where each begins, and its shape. */
function splitParts({ inputs: { x }, attrs: { numOrSizeSplits, axis } }: KernelArgs<SplitVInputs, SplitVAttrs>) {
  const $axis = util.parseAxisParam(axis, x.shape)[0];
  const splitSizes = backend_util.prepareSplitSize(x, numOrSizeSplits, $axis);
  let at = 0;
  return splitSizes.map((s) => {
    const begin = x.shape.map(() => 0);
    begin[$axis] = at;
    at += s;
    const size = x.shape.slice();
    size[$axis] = s;
    return { begin, size };
  });
}

/** Consecutive slices along `axis`, of the sizes tfjs-core derives from `numOrSizeSplits`. */
export function splitV(args: KernelArgs<SplitVInputs, SplitVAttrs>): TensorInfo[] {
  const parts = splitParts(args);
  const { x } = args.inputs;
  if (x.dtype === 'string') return layoutOnCpu(SplitV, args) as TensorInfo[];
  return parts.map(({ begin, size }) => sliceTensor(args.backend, x, begin, size));
}

function prepareSplitV(args: KernelArgs<SplitVInputs, SplitVAttrs>): PreparedKernel | null {
  const { x } = args.inputs;
  if (x.dtype === 'string') return null;
  const parts = splitParts(args);
  const copies = parts.map(({ begin, size }) => planSlice(args.backend, x, begin, size));
  return {
    reads: [x],
    outputs: parts.map(({ size }) => ({ shape: size, dtype: x.dtype })),
    run: (p) => {
      for (let i = 0; i < copies.length; i++) copies[i](p[0], p[1 + i]);
    },
  };
}

export const splitVConfig: KernelConfig = {
  kernelName: SplitV,
  backendName: 'simd',
  kernelFunc: withPrepare(splitV as unknown as KernelFunc, prepareSplitV as never),
};
