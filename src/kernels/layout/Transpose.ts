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

/**
 * tf.transpose checks this; a direct runKernel call may not, and a repeated axis reads past the end of x.
 * Plain loops (ranks are small): this runs for every transpose.
 */
function assertPermutation(perm: number[], shape: number[]): void {
  let valid = perm.length === shape.length;
  for (let k = 0; valid && k < perm.length; k++) {
    const axis = perm[k];
    valid = Number.isInteger(axis) && axis >= 0 && axis < shape.length;
    for (let j = 0; valid && j < k; j++) valid = perm[j] !== axis;
  }
  if (!valid) {
    throw new Error(`transpose: perm [${perm}] is not a permutation of the axes of x (shape [${shape}]).`);
  }
}

export const transposeConfig: KernelConfig = {
  kernelName: Transpose,
  backendName: 'simd',
  kernelFunc: transpose as unknown as KernelFunc,
};
