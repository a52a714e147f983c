import { KernelConfig, KernelFunc, PadV2, PadV2Attrs, PadV2Inputs, TensorInfo, util } from '@tensorflow/tfjs-core';
import type { KernelArgs } from './util/kernel_args.js';
import { elementAddress, fillElements, stridedCopy } from './util/layout_copy.js';
import { layoutOnCpu } from './util/layout_fallback.js';
import { rowMajorStrides } from './util/layout_geometry.js';

/** The output filled with the constant, then x copied into the box starting at the leading paddings. */
export function padV2(args: KernelArgs<PadV2Inputs, PadV2Attrs>): TensorInfo {
  const { inputs: { x }, attrs: { paddings, constantValue }, backend } = args;
  if (x.dtype === 'string') return layoutOnCpu(PadV2, args) as TensorInfo;
  const outShape = paddings.map(([before, after], k) => before + x.shape[k] + after);
  const out = backend.makeOutput(outShape, x.dtype);
  fillElements(backend, backend.ptr(out), util.sizeFromShape(outShape), x.dtype, constantValue);
  const outStrides = rowMajorStrides(outShape);
  const start = paddings.reduce((sum, [before], k) => sum + before * outStrides[k], 0);
  stridedCopy(backend, elementAddress(backend, out, start), backend.ptr(x), x.dtype,
    { shape: x.shape, srcStrides: rowMajorStrides(x.shape), dstStrides: outStrides });
  return out;
}

export const padV2Config: KernelConfig = {
  kernelName: PadV2,
  backendName: 'simd',
  kernelFunc: padV2 as unknown as KernelFunc,
};
