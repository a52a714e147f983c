import {
  type KernelConfig,
  type KernelFunc,
  Slice,
  type SliceAttrs,
  type SliceInputs,
  slice_util,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { type PreparedKernel, withPrepare } from '../../backend/prepared_kernel.js';
import type { KernelArgs } from '../kernel_args.js';
import { layoutOnCpu } from './fallback.js';
import { identity } from './Identity.js';
import { planSlice, sliceTensor } from './slice_tensor.js';

export function slice(args: KernelArgs<SliceInputs, SliceAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { begin, size },
    backend,
  } = args;
  if (x.dtype === 'string') return layoutOnCpu(Slice, args) as TensorInfo;
  const [$begin, $size] = slice_util.parseSliceParams(x, begin, size);
  slice_util.assertParamsValid(x, $begin, $size);
  // The whole tensor (tfjs-layers' predict slices its input into batches, often one): its data, shared.
  if ($size.every((d, k) => d === x.shape[k])) return identity({ inputs: { x }, backend, attrs: {} });
  return sliceTensor(backend, x, $begin, $size);
}

function prepareSlice(args: KernelArgs<SliceInputs, SliceAttrs>): PreparedKernel | null {
  const {
    inputs: { x },
    attrs: { begin, size },
    backend,
  } = args;
  if (x.dtype === 'string') return null;
  const [$begin, $size] = slice_util.parseSliceParams(x, begin, size);
  const copy = planSlice(backend, x, $begin, $size);
  return { reads: [x], outputs: [{ shape: $size, dtype: x.dtype }], run: (p) => copy(p[0], p[1]) };
}

export const sliceConfig: KernelConfig = {
  kernelName: Slice,
  backendName: 'simd',
  kernelFunc: withPrepare(slice as unknown as KernelFunc, prepareSlice as never),
};
