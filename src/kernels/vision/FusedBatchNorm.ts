import {
  FusedBatchNorm,
  type FusedBatchNormAttrs,
  type FusedBatchNormInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { runOnCpu } from '../../backend/cpu_fallback.js';

type BatchNormInputs = Pick<FusedBatchNormInputs, 'scale' | 'offset'> & {
  x: TensorInfo;
  mean: TensorInfo;
  variance: TensorInfo;
};
interface BatchNormArgs {
  inputs: BatchNormInputs;
  attrs: FusedBatchNormAttrs;
  backend: SimdBackend;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The parameters' common period along the flattened x (every parameter holds 1 or L values; element i reads
 * index i mod its length, as on the CPU), or null when lengths differ otherwise (then the CPU kernel runs).
 */
function commonLength(params: TensorInfo[]): number | null {
  const lengths = params.map((p) => util.sizeFromShape(p.shape));
  const period = Math.max(...lengths);
  return lengths.every((l) => l === 1 || l === period) ? period : null;
}

/**
 * One row of `period` floats per parameter of the WASM pass: mean, a = scale / √(variance + ε) (float64, as
 * on the CPU) and offset, each repeated to the period (a multiple of 4, so that rows align with vectors),
 * worked out in WebAssembly (assembly/vision/batch_norm.ts): like the pass, it then runs beside the JavaScript
 * of a model's next layers (SimdWasm.launch).
 */
function parameterRows(
  backend: SimdBackend,
  { mean, variance, scale, offset }: BatchNormInputs,
  length: number,
  epsilon: number,
): TensorInfo {
  const period = length * (4 / gcd(length, 4));
  const rows = backend.makeOutput([3, period], 'float32');
  const parameter = (p: TensorInfo | undefined) => (p == null ? [0, 0] : [backend.ptr(p), util.sizeFromShape(p.shape)]);
  backend.wasm.launch(
    'vision_batch_norm_rows_f32',
    [
      ...parameter(mean),
      ...parameter(variance),
      ...parameter(scale),
      ...parameter(offset),
      epsilon,
      length,
      backend.ptr(rows),
      period,
    ],
    3 * period,
  );
  return rows;
}

/** y = (x − mean)·scale / √(variance + ε) + offset, the parameters broadcast along the last axis. */
export function fusedBatchNorm(args: BatchNormArgs): TensorInfo {
  const { inputs, attrs, backend } = args;
  const { x, mean, variance, scale, offset } = inputs;
  util.assert(
    mean.shape.length === variance.shape.length,
    () => 'Batch normalization gradient requires mean and variance to have equal ranks.',
  );
  util.assert(
    offset == null || mean.shape.length === offset.shape.length,
    () => 'Batch normalization gradient requires mean and offset to have equal ranks.',
  );
  util.assert(
    scale == null || mean.shape.length === scale.shape.length,
    () => 'Batch normalization gradient requires mean and scale to have equal ranks.',
  );
  const params = [mean, variance, scale, offset].filter((t): t is TensorInfo => t != null);
  const length = commonLength(params);
  if (![x, ...params].every((t) => t.dtype === 'float32') || length == null || length === 0) {
    return runOnCpu(FusedBatchNorm, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  const out = backend.makeOutput(x.shape, 'float32');
  const n = util.sizeFromShape(x.shape);
  if (n === 0) return out;
  const rows = parameterRows(backend, inputs, length, attrs.varianceEpsilon ?? 0.001);
  try {
    backend.wasm.launch(
      'vision_batch_norm_f32',
      [backend.ptr(x), backend.ptr(out), n, backend.ptr(rows), rows.shape[1]],
      n,
    );
  } finally {
    backend.disposeIntermediateTensorInfo(rows);
  }
  return out;
}

export const fusedBatchNormConfig: KernelConfig = {
  kernelName: FusedBatchNorm,
  backendName: 'simd',
  kernelFunc: fusedBatchNorm as unknown as KernelFunc,
};
