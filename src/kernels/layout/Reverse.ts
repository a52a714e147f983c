import {
  type KernelConfig,
  type KernelFunc,
  Reverse,
  type ReverseAttrs,
  type ReverseInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { elementAddress, stridedCopy } from './copy.js';
import { layoutOnCpu } from './fallback.js';
import { rowMajorStrides } from './geometry.js';
import { identity } from './Identity.js';

/** x read from the far end with a negative stride along each reversed axis. */
export function reverse(args: KernelArgs<ReverseInputs, ReverseAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { dims },
    backend,
  } = args;
  if (x.dtype === 'string') return layoutOnCpu(Reverse, args) as TensorInfo;
  const $dims = util.parseAxisParam(dims, x.shape);
  if (x.shape.length === 0) return identity({ inputs: { x }, attrs: {}, backend });
  // Like tfjs-backend-cpu, an axis listed twice is flipped twice.
  const flipped = x.shape.map(() => false);
  for (const d of $dims) flipped[d] = !flipped[d];
  const strides = rowMajorStrides(x.shape);
  const last = x.shape.reduce((sum, n, k) => sum + (flipped[k] ? (n - 1) * strides[k] : 0), 0);
  const out = backend.makeOutput(x.shape, x.dtype);
  stridedCopy(backend, backend.ptr(out), elementAddress(backend, x, last), x.dtype, {
    shape: x.shape,
    srcStrides: strides.map((s, k) => (flipped[k] ? -s : s)),
    dstStrides: strides,
  });
  return out;
}

export const reverseConfig: KernelConfig = {
  kernelName: Reverse,
  backendName: 'simd',
  kernelFunc: reverse as unknown as KernelFunc,
};
