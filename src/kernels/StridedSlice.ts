import {
  KernelConfig, KernelFunc, slice_util, StridedSlice, StridedSliceAttrs, StridedSliceInputs, TensorInfo,
} from '@tensorflow/tfjs-core';
import { reshape } from './Reshape.js';
import type { KernelArgs } from './util/kernel_args.js';
import { elementAddress, stridedCopy } from './util/layout_copy.js';
import { layoutOnCpu } from './util/layout_fallback.js';
import { rowMajorStrides } from './util/layout_geometry.js';

/** tfjs-core resolves the masks into begin and strides per input axis; out[i] = x[begin + i·strides]. */
export function stridedSlice(args: KernelArgs<StridedSliceInputs, StridedSliceAttrs>): TensorInfo {
  const { inputs: { x }, attrs, backend } = args;
  if (x.dtype === 'string') return layoutOnCpu(StridedSlice, args) as TensorInfo;
  const { begin, end, strides, beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask } = attrs;
  const info = slice_util.sliceInfo(
    x.shape, begin, end, strides, beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask);
  if (info.isIdentity) return reshape({ inputs: { x }, attrs: { shape: info.finalShape }, backend });
  const out = backend.makeOutput(info.finalShape, x.dtype);
  const xStrides = rowMajorStrides(x.shape);
  const offset = info.begin.reduce((sum, b, k) => sum + b * xStrides[k], 0);
  stridedCopy(backend, backend.ptr(out), elementAddress(backend, x, offset), x.dtype, {
    shape: info.finalShapeSparse,
    srcStrides: info.strides.map((s, k) => s * xStrides[k]),
    dstStrides: rowMajorStrides(info.finalShapeSparse),
  });
  return out;
}

export const stridedSliceConfig: KernelConfig = {
  kernelName: StridedSlice,
  backendName: 'simd',
  kernelFunc: stridedSlice as unknown as KernelFunc,
};
