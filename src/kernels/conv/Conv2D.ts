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
import { GEMV_MAX_ROWS } from '../gemm/matmul.js';
import {
  GEMV_PACKED_MIN_N,
  type GemmEpilogue,
  type GemmProduct,
  gemvF32,
  NO_EPILOGUE,
  type OperandPacking,
  rowBPacking,
  wholeBPacking,
} from '../gemm/threads.js';
import type { KernelArgs } from '../kernel_args.js';
import { convGeometry, convOnCpu, floatOutput, isNativeConv } from './geometry.js';
import { CONV_FORWARD, type ConvGeometry, convF32, isPointwise, packsFilter } from './threads.js';

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
    if (isFewPixelsProduct(geometry)) {
      fewPixelsProduct(backend, geometry, backend.ptr(x), filter, filterPtr, y, epilogue);
      return;
    }
    const packedFilter = packsFilter(backend.wasm, geometry) ? keptFilterPacking(backend, filter, filterPtr) : 0;
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
 * The filter packed whole as the GEMM's B (filterH · filterW · inChannels × outChannels, as stored), kept from
 * its second use on (a model's weights), or 0. The layout is a matMul's of the same B: one packing serves both.
 */
function keptFilterPacking(backend: SimdBackend, filter: TensorInfo, filterPtr: number): number {
  const [fh, fw, ic, n] = filter.shape;
  return filterPackedAs(backend, filter, filterPtr, wholeBPacking(backend.wasm, n, fh * fw * ic, n, 1));
}

/** The filter's packing in `packing`'s layout, kept from its second use on, or 0 (see backend.packedOperand). */
function filterPackedAs(backend: SimdBackend, filter: TensorInfo, filterPtr: number, packing: OperandPacking): number {
  return backend.packedOperand(filter, filterPtr, packing.layout, packing.bytes, (dst) => packing.pack(filterPtr, dst));
}

/**
 * Whether a convolution is a pointwise one over at most GEMV_MAX_ROWS pixels in all (a classifier head on a
 * 1×1 feature map): a product of that many rows, which tiles of 4 rows would mostly waste.
 */
function isFewPixelsProduct(geometry: ConvGeometry): boolean {
  const [b, , , , oh, ow] = geometry;
  return isPointwise(geometry) && b * oh * ow <= GEMV_MAX_ROWS;
}

/**
 * y = epilogue(x · filter) for isFewPixelsProduct's convolutions, as matMul runs a product of so few rows: on
 * the unpacked kernels, streaming the filter once (for one pixel from its row packing, kept like a matMul's
 * weights).
 */
function fewPixelsProduct(
  backend: SimdBackend,
  geometry: ConvGeometry,
  x: number,
  filter: TensorInfo,
  filterPtr: number,
  y: number,
  epilogue: GemmEpilogue | null,
): void {
  const [b, , , ic, oh, ow, oc] = geometry;
  const rows = b * oh * ow;
  const packedFilter =
    rows === 1 && oc >= GEMV_PACKED_MIN_N
      ? filterPackedAs(backend, filter, filterPtr, rowBPacking(backend.wasm, oc, ic, oc))
      : 0;
  const product: GemmProduct = [rows, oc, ic, x, ic, 1, filterPtr, oc, 1, y, oc];
  gemvF32(backend.wasm, backend.threadPool, product, epilogue ?? NO_EPILOGUE, packedFilter);
}

export const conv2DConfig: KernelConfig = {
  kernelName: Conv2D,
  backendName: 'simd',
  kernelFunc: conv2D as unknown as KernelFunc,
};
