import {
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  Unpack,
  type UnpackAttrs,
  type UnpackInputs,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { layoutOnCpu } from './fallback.js';
import { sliceTensor } from './slice_tensor.js';

/** One output per index along `axis`, each the slice at that index without the axis. */
export function unpack(args: KernelArgs<UnpackInputs, UnpackAttrs>): TensorInfo[] {
  const {
    inputs: { value },
    attrs,
    backend,
  } = args;
  if (value.dtype === 'string') return layoutOnCpu(Unpack, args) as TensorInfo[];
  const axis = attrs.axis < 0 ? attrs.axis + value.shape.length : attrs.axis;
  const outShape = value.shape.filter((_, k) => k !== axis);
  const begin = value.shape.map(() => 0);
  const size = value.shape.slice();
  size[axis] = 1;
  return Array.from({ length: value.shape[axis] }, (_, i) => {
    begin[axis] = i;
    return sliceTensor(backend, value, begin, size, outShape);
  });
}

export const unpackConfig: KernelConfig = {
  kernelName: Unpack,
  backendName: 'simd',
  kernelFunc: unpack as unknown as KernelFunc,
};
