import { KernelConfig, KernelFunc, TensorInfo, Transpose, TransposeAttrs, TransposeInputs } from '@tensorflow/tfjs-core';
import type { KernelArgs } from './util/kernel_args.js';
import { stridedCopy } from './util/layout_copy.js';
import { layoutOnCpu } from './util/layout_fallback.js';
import { rowMajorStrides } from './util/layout_geometry.js';

/** out[i_0 … i_{r-1}] = x[j] with j[perm[k]] = i_k: x read with its strides permuted. */
export function transpose(args: KernelArgs<TransposeInputs, TransposeAttrs>): TensorInfo {
  const { inputs: { x }, attrs: { perm }, backend } = args;
  if (x.dtype === 'string') return layoutOnCpu(Transpose, args) as TensorInfo;
  const outShape = perm.map((axis) => x.shape[axis]);
  const out = backend.makeOutput(outShape, x.dtype);
  const xStrides = rowMajorStrides(x.shape);
  stridedCopy(backend, backend.ptr(out), backend.ptr(x), x.dtype,
    { shape: outShape, srcStrides: perm.map((axis) => xStrides[axis]), dstStrides: rowMajorStrides(outShape) });
  return out;
}

export const transposeConfig: KernelConfig = {
  kernelName: Transpose,
  backendName: 'simd',
  kernelFunc: transpose as unknown as KernelFunc,
};
