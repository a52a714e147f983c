import {
  backend_util,
  Concat,
  type ConcatAttrs,
  type ConcatInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { elementAddress, stridedCopy } from './copy.js';
import { layoutOnCpu } from './fallback.js';
import { identity } from './Identity.js';

/**
 * Seen as matrices [outer, inner_t] split at the axis, the inputs sit side by side in the output
 * [outer, Σ inner_t]: each input is one strided copy into its column range.
 */
export function concat(args: KernelArgs<ConcatInputs, ConcatAttrs>): TensorInfo {
  const {
    inputs,
    attrs: { axis },
    backend,
  } = args;
  const $axis = util.parseAxisParam(axis, inputs[0].shape)[0];
  backend_util.assertParamsConsistent(
    inputs.map((t) => t.shape),
    $axis,
  );
  const outShape = backend_util.computeOutShape(
    inputs.map((t) => t.shape),
    $axis,
  );
  const dtype = inputs[0].dtype;
  // Mixed dtypes convert values (the CPU kernel writes them into one typed array): not a byte copy.
  if (dtype === 'string' || inputs.some((t) => t.dtype !== dtype)) return layoutOnCpu(Concat, args) as TensorInfo;
  if (util.sizeFromShape(outShape) === 0) return backend.makeOutput(outShape, dtype);
  const nonEmpty = inputs.filter((t) => util.sizeFromShape(t.shape) > 0);
  if (nonEmpty.length === 1) return identity({ inputs: { x: nonEmpty[0] }, attrs: {}, backend });
  // Inputs first: a disposed input throws here, before an output is allocated that nothing would free.
  const srcPtrs = nonEmpty.map((t) => backend.ptr(t));
  const out = backend.makeOutput(outShape, dtype);
  const outer = util.sizeFromShape(outShape.slice(0, $axis));
  const outInner = util.sizeFromShape(outShape.slice($axis));
  let column = 0;
  for (const [i, t] of nonEmpty.entries()) {
    const inner = util.sizeFromShape(t.shape.slice($axis));
    stridedCopy(backend, elementAddress(backend, out, column), srcPtrs[i], dtype, {
      shape: [outer, inner],
      srcStrides: [inner, 1],
      dstStrides: [outInner, 1],
    });
    column += inner;
  }
  return out;
}

export const concatConfig: KernelConfig = {
  kernelName: Concat,
  backendName: 'simd',
  kernelFunc: concat as unknown as KernelFunc,
};
