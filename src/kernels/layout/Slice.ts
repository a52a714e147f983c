import {
  type KernelConfig,
  type KernelFunc,
  Slice,
  type SliceAttrs,
  type SliceInputs,
  slice_util,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { layoutOnCpu } from './fallback.js';
import { sliceTensor } from './slice_tensor.js';

export function slice(args: KernelArgs<SliceInputs, SliceAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { begin, size },
    backend,
  } = args;
  if (x.dtype === 'string') return layoutOnCpu(Slice, args) as TensorInfo;
  const [$begin, $size] = slice_util.parseSliceParams(x, begin, size);
  slice_util.assertParamsValid(x, $begin, $size);
  return sliceTensor(backend, x, $begin, $size);
}

export const sliceConfig: KernelConfig = {
  kernelName: Slice,
  backendName: 'simd',
  kernelFunc: slice as unknown as KernelFunc,
};
