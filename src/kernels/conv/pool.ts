import type { AvgPoolAttrs, AvgPoolInputs } from '@tensorflow/tfjs-core';
import { backend_util, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { ExportTaking } from '../../wasm/export_types.js';
import type { KernelArgs } from '../kernel_args.js';
import { identity } from '../layout/Identity.js';
import { convOnCpu, convOutput, isNativeConv } from './geometry.js';

/**
 * A 2-D pooling kernel (MaxPool and AvgPool share their attributes): the window geometry of tfjs-core,
 * then one WASM pass vectorised over channels. A 1×1 window that keeps the shape is the identity, as on
 * the CPU; other dtypes run the CPU kernel.
 */
export function pool2d(
  kernelName: string,
  opName: string,
  wasmKernel: ExportTaking<19>,
  args: KernelArgs<AvgPoolInputs, AvgPoolAttrs>,
): TensorInfo {
  const {
    inputs: { x },
    attrs,
    backend,
  } = args;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  if (!isNativeConv([x])) return convOnCpu(kernelName, args);
  util.assert(
    backend_util.eitherStridesOrDilationsAreOne(strides, 1),
    () => `Error in ${opName}: Either strides or dilations must be 1. Got strides ${strides} and dilations '1'`,
  );
  const info = backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  if (info.filterHeight === 1 && info.filterWidth === 1 && util.arraysEqual(info.inShape, info.outShape)) {
    return identity({ inputs: { x }, backend, attrs: {} });
  }
  return convOutput(backend, info.outShape, wasmKernel, info, [backend.ptr(x)]);
}
