import {
  backend_util, KernelConfig, KernelFunc, MaxPool, MaxPoolAttrs, MaxPoolInputs, TensorInfo, util,
} from '@tensorflow/tfjs-core';
import { identity } from './Identity.js';
import type { KernelArgs } from './util/kernel_args.js';
import { convOnCpu, floatOutput, isNativeConv, setConvGeometry } from './util/conv_geometry.js';

/** y = the largest value of each window (first strictly greater; NaN never wins), vectorised over channels. */
export function maxPool(args: KernelArgs<MaxPoolInputs, MaxPoolAttrs>): TensorInfo {
  const { inputs: { x }, attrs, backend } = args;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  if (!isNativeConv([x])) return convOnCpu(MaxPool, args);
  util.assert(backend_util.eitherStridesOrDilationsAreOne(strides, 1),
    () => `Error in maxPool: Either strides or dilations must be 1. Got strides ${strides} and dilations '1'`);
  const info = backend_util.computePool2DInfo(x.shape as [number, number, number, number], filterSize, strides, 1,
    pad, dimRoundingMode);
  // A 1×1 window that keeps the shape is the identity, as on the CPU.
  if (info.filterHeight === 1 && info.filterWidth === 1 && util.arraysEqual(info.inShape, info.outShape)) {
    return identity({ inputs: { x }, backend, attrs: {} });
  }
  return floatOutput(backend, info.outShape, (y) => {
    setConvGeometry(backend, info);
    backend.wasm.kernels.max_pool_f32(backend.ptr(x), y);
  });
}

export const maxPoolConfig: KernelConfig = {
  kernelName: MaxPool,
  backendName: 'simd',
  kernelFunc: maxPool as unknown as KernelFunc,
};
