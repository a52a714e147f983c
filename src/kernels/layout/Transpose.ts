import {
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  Transpose,
  type TransposeAttrs,
  type TransposeInputs,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { stridedCopy } from './copy.js';
import { layoutOnCpu } from './fallback.js';
import { rowMajorStrides } from './geometry.js';

/** out[i_0 … i_{r-1}] = x[j] with j[perm[k]] = i_k: x read with its strides permuted. */
export function transpose(args: KernelArgs<TransposeInputs, TransposeAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { perm },
    backend,
  } = args;
  if (x.dtype === 'string') return layoutOnCpu(Transpose, args) as TensorInfo;
  assertPermutation(perm, x.shape);
  const outShape = perm.map((axis) => x.shape[axis]);
  const out = backend.makeOutput(outShape, x.dtype);
  const xStrides = rowMajorStrides(x.shape);
  stridedCopy(backend, backend.ptr(out), backend.ptr(x), x.dtype, {
    shape: outShape,
    srcStrides: perm.map((axis) => xStrides[axis]),
    dstStrides: rowMajorStrides(outShape),
  });
  return out;
}

/** tf.transpose checks this; a direct runKernel call may not, and a repeated axis reads past the end of x. */
function assertPermutation(perm: number[], shape: number[]): void {
  const seen = new Set(perm);
  if (
    perm.length !== shape.length ||
    seen.size !== perm.length ||
    perm.some((a) => !(Number.isInteger(a) && a >= 0 && a < shape.length))
  ) {
    throw new Error(`transpose: perm [${perm}] is not a permutation of the axes of x (shape [${shape}]).`);
  }
}

export const transposeConfig: KernelConfig = {
  kernelName: Transpose,
  backendName: 'simd',
  kernelFunc: transpose as unknown as KernelFunc,
};
