import {
  backend_util,
  Conv2D,
  type Conv2DAttrs,
  type Conv2DInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { type GemmEpilogue, wholeBPacking } from '../gemm/threads.js';
import type { KernelArgs } from '../kernel_args.js';
import { convGeometry, convOnCpu, floatOutput, isNativeConv } from './geometry.js';
import { CONV_FORWARD, convF32, packsFilter } from './threads.js';

/** y = x ⊛ filter: im2col in cache-sized chunks, each chunk times the filter on the WASM GEMM (images split over threads). */
export function conv2D(args: KernelArgs<Conv2DInputs, Conv2DAttrs>): TensorInfo {
  const {
    inputs: { x, filter },
    attrs,
    backend,
  } = args;
  if (!isNativeConv([x, filter], attrs.dataFormat)) return convOnCpu(Conv2D, args);
  return conv2dForward(backend, x, filter, attrs, null);
}

/**
 * epilogue(x ⊛ filter) for native NHWC float32 operands (Conv2D with a null epilogue, FusedConv2D with its own):
 * the geometry of tfjs-core, then the convolution on the GEMM.
 */
export function conv2dForward(
  backend: SimdBackend,
  x: TensorInfo,
  filter: TensorInfo,
  attrs: Pick<Conv2DAttrs, 'strides' | 'pad' | 'dilations' | 'dimRoundingMode'>,
  epilogue: GemmEpilogue | null,
): TensorInfo {
  const { strides, pad, dilations, dimRoundingMode } = attrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const geometry = convGeometry(info);
  return floatOutput(backend, info.outShape, (y) => {
    const filterPtr = backend.ptr(filter);
    const packedFilter = packsFilter(geometry) ? keptFilterPacking(backend, filter, filterPtr) : 0;
    convF32(
      backend.wasm,
      backend.threadPool,
      CONV_FORWARD,
      geometry,
      backend.ptr(x),
      filterPtr,
      y,
      epilogue,
      packedFilter,
    );
  });
}

/**
 * The filter of a pointwise convolution packed whole as the GEMM's B (inChannels × outChannels, as stored),
 * kept from its second use on (a model's weights), or 0. The layout is a matMul's of the same B: one packing
 * serves both.
 */
function keptFilterPacking(backend: SimdBackend, filter: TensorInfo, filterPtr: number): number {
  const n = filter.shape[3];
  const packing = wholeBPacking(backend.wasm, n, filter.shape[2], n, 1);
  return backend.packedOperand(filter, filterPtr, packing.layout, packing.bytes, (dst) => packing.pack(filterPtr, dst));
}

export const conv2DConfig: KernelConfig = {
  kernelName: Conv2D,
  backendName: 'simd',
  kernelFunc: conv2D as unknown as KernelFunc,
};
