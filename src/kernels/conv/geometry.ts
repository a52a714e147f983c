// Shared steps of the conv family's kernels: which calls run natively, a convolution's geometry as the WASM
// calls take it, and the CPU fallback for the rest.
import { type backend_util, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import { CONV_PARAMS_BYTES } from '../../wasm/constants.generated.js';
import type { ExportTaking } from '../../wasm/export_types.js';
import type { ConvGeometry } from './threads.js';

/** Native paths cover float32 channels-last tensors (NHWC, NDHWC); every other case runs tfjs-backend-cpu's kernel. */
export function isNativeConv(tensors: Array<TensorInfo | undefined>, dataFormat?: string): boolean {
  return (
    (dataFormat == null || dataFormat === 'NHWC' || dataFormat === 'NDHWC' || dataFormat === 'channelsLast') &&
    tensors.every((t) => t == null || t.dtype === 'float32')
  );
}

/** Runs tfjs-backend-cpu's kernel `name` on the kernel's arguments. */
export function convOnCpu(name: string, args: unknown): TensorInfo {
  return runOnCpu(name, args as Parameters<KernelFunc>[0]) as TensorInfo;
}

/** A convolution's geometry as the conv family's WASM calls take it (their first 15 arguments). */
export function convGeometry(info: backend_util.Conv2DInfo): ConvGeometry {
  return [
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.outChannels,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.top,
    info.padInfo.left,
  ];
}

/** Whether both dilations are 1 (the CPU's depthwise gradients ignore dilations; such calls stay on the CPU). */
export function undilated(info: backend_util.Conv2DInfo): boolean {
  return info.dilationHeight === 1 && info.dilationWidth === 1;
}

/**
 * Whether a gradient dy has the shape the geometry implies. tfjs-core's ops let through a dy of another
 * size (e.g. conv2dTranspose to a smaller output); the CPU kernels then read a corner of it with its own
 * strides, so such calls run there.
 */
export function dyFits(dy: TensorInfo, expected: number[]): boolean {
  return util.arraysEqual(dy.shape, expected);
}

export function isEmpty(shape: number[]): boolean {
  return util.sizeFromShape(shape) === 0;
}

/**
 * A float32 output of `shape` (of the convolution or pooling `info`) filled by a conv-family export that needs no
 * scratch beyond its parameter blocks (assembly/conv/scratch.ts): kernel(geometry…, inputs…, output, scratch,
 * bytes).
 */
export function convOutput(
  backend: SimdBackend,
  shape: number[],
  kernel: ExportTaking<19> | ExportTaking<20>,
  info: backend_util.Conv2DInfo,
  inputs: number[],
): TensorInfo {
  const { wasm } = backend;
  return floatOutput(backend, shape, (out) =>
    wasm.withScratch(CONV_PARAMS_BYTES, (scratch) =>
      wasm.call(kernel, [...convGeometry(info), ...inputs, out, scratch, CONV_PARAMS_BYTES]),
    ),
  );
}

/** Allocates a float32 output of `shape` and, unless it is empty, fills it with `fill(pointer)`. */
export function floatOutput(backend: SimdBackend, shape: number[], fill: (out: number) => void): TensorInfo {
  const out = backend.makeOutput(shape, 'float32');
  if (!isEmpty(shape)) fill(backend.ptr(out));
  return out;
}
