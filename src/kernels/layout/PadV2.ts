import {
  type KernelConfig,
  type KernelFunc,
  PadV2,
  type PadV2Attrs,
  type PadV2Inputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { elementAddress, fillElements, stridedCopy } from './copy.js';
import { layoutOnCpu } from './fallback.js';
import { rowMajorStrides } from './geometry.js';

/**
 * The output filled with the constant, then the part of x that lands inside it copied in. tfjs-core lets
 * negative paddings through (tfjs-layers crops token sequences that way): a negative `before` drops that many
 * leading elements of x along its axis, a negative `after` that many trailing ones.
 */
export function padV2(args: KernelArgs<PadV2Inputs, PadV2Attrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { paddings, constantValue },
    backend,
  } = args;
  if (x.dtype === 'string') return layoutOnCpu(PadV2, args) as TensorInfo;
  const outShape = paddings.map(([before, after], k) => before + x.shape[k] + after);
  const negative = outShape.findIndex((n) => !(n >= 0));
  if (negative >= 0) {
    throw new Error(
      `pad: paddings ${JSON.stringify(paddings)} leave axis ${negative} of x (shape [${x.shape}]) ` +
        `with ${outShape[negative]} elements; a negative padding may crop at most the whole axis.`,
    );
  }
  const out = backend.makeOutput(outShape, x.dtype);
  fillElements(backend, backend.ptr(out), util.sizeFromShape(outShape), x.dtype, constantValue);
  // Along each axis: the first element of x that is kept, where it lands, and how many are kept.
  const firstKept = paddings.map(([before]) => Math.max(0, -before));
  const landsAt = paddings.map(([before]) => Math.max(0, before));
  const kept = outShape.map((n, k) => Math.max(0, Math.min(x.shape[k] - firstKept[k], n - landsAt[k])));
  const xStrides = rowMajorStrides(x.shape);
  const outStrides = rowMajorStrides(outShape);
  const offset = (at: number[], strides: number[]) => at.reduce((sum, i, k) => sum + i * strides[k], 0);
  stridedCopy(
    backend,
    elementAddress(backend, out, offset(landsAt, outStrides)),
    elementAddress(backend, x, offset(firstKept, xStrides)),
    x.dtype,
    { shape: kept, srcStrides: xStrides, dstStrides: outStrides },
  );
  return out;
}

export const padV2Config: KernelConfig = {
  kernelName: PadV2,
  backendName: 'simd',
  kernelFunc: padV2 as unknown as KernelFunc,
};
