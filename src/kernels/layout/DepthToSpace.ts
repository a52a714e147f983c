import {
  DepthToSpace,
  type DepthToSpaceAttrs,
  type DepthToSpaceInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { stridedCopy } from './copy.js';
import { layoutOnCpu } from './fallback.js';
import { rowMajorStrides } from './geometry.js';

/**
 * y[b, h·s + i, w·s + j, d] = x[b, h, w, (i·s + j)·D + d] (block size s, D = depth / s²): x viewed as
 * [b, h, w, s, s, D] and read with its axes reordered to [b, h, s, w, s, D], one strided copy.
 */
export function depthToSpace(args: KernelArgs<DepthToSpaceInputs, DepthToSpaceAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { blockSize: s, dataFormat },
    backend,
  } = args;
  util.assert(dataFormat === 'NHWC', () => `Only NHWC dataFormat supported on CPU for depthToSpace. Got ${dataFormat}`);
  if (x.dtype === 'string') return layoutOnCpu(DepthToSpace, args) as TensorInfo;
  const [batch, height, width, depth] = x.shape;
  const outDepth = depth / (s * s);
  const out = backend.makeOutput([batch, height * s, width * s, outDepth], x.dtype);
  const [sb, sh, sw, si, sj, sd] = rowMajorStrides([batch, height, width, s, s, outDepth]);
  const shape = [batch, height, s, width, s, outDepth];
  stridedCopy(backend, backend.ptr(out), backend.ptr(x), x.dtype, {
    shape,
    srcStrides: [sb, sh, si, sw, sj, sd],
    dstStrides: rowMajorStrides(shape),
  });
  return out;
}

export const depthToSpaceConfig: KernelConfig = {
  kernelName: DepthToSpace,
  backendName: 'simd',
  kernelFunc: depthToSpace as unknown as KernelFunc,
};
