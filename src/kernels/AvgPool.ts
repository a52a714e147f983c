import {
  AvgPool, AvgPoolAttrs, AvgPoolInputs, backend_util, KernelConfig, KernelFunc, TensorInfo, util,
} from '@tensorflow/tfjs-core';
import { identity } from './Identity.js';
import type { KernelArgs } from './util/kernel_args.js';
import { convOnCpu, floatOutput, isNativeConv, setConvGeometry } from './util/conv_geometry.js';

/** y = the mean of each window's pixels inside the image, vectorised over channels. */
export function avgPool(args: KernelArgs<AvgPoolInputs, AvgPoolAttrs>): TensorInfo {
  const { inputs: { x }, attrs, backend } = args;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  if (!isNativeConv([x])) return convOnCpu(AvgPool, args);
  util.assert(backend_util.eitherStridesOrDilationsAreOne(strides, 1),
    () => `Error in avgPool: Either strides or dilations must be 1. Got strides ${strides} and dilations '1'`);
  const info = backend_util.computePool2DInfo(x.shape as [number, number, number, number], filterSize, strides, 1,
    pad, dimRoundingMode);
  if (info.filterHeight === 1 && info.filterWidth === 1 && util.arraysEqual(info.inShape, info.outShape)) {
    return identity({ inputs: { x }, backend, attrs: {} });
  }
  return floatOutput(backend, info.outShape, (y) => {
    setConvGeometry(backend, info);
    backend.wasm.kernels.avg_pool_f32(backend.ptr(x), y);
  });
}

export const avgPoolConfig: KernelConfig = {
  kernelName: AvgPool,
  backendName: 'simd',
  kernelFunc: avgPool as unknown as KernelFunc,
};
