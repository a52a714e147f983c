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
 * on the CPU) and offset, each repeated to the period (a multiple of 4, so that rows align with vectors).
 * Each row's first `length` values are worked out once, then copied along: a model's batch norms run this on
 * every call, often on small images, where a loop over the period with an index modulo every parameter's
 * length took a third of the kernel.
 */
function parameterRows(
  backend: SimdBackend,
  { mean, variance, scale, offset }: BatchNormInputs,
  length: number,
  epsilon: number,
): TensorInfo {
  const period = length * (4 / gcd(length, 4));
  const rows = backend.makeOutput([3, period], 'float32');
  const out = backend.view(rows.dataId) as Float32Array;
  const meanRow = out.subarray(0, period);
  const factorRow = out.subarray(period, 2 * period);
  const offsetRow = out.subarray(2 * period, 3 * period);
  fillFirst(backend, meanRow, mean, length, 0);
  fillFirst(backend, offsetRow, offset, length, 0);
  fillFirst(backend, factorRow, scale, length, 1);
  const v = backend.view(variance.dataId);
  for (let c = 0; c < length; c++) factorRow[c] /= Math.sqrt((v.length === 1 ? v[0] : v[c]) + epsilon);
  for (const row of [meanRow, factorRow, offsetRow]) {
    for (let filled = length; filled < period; filled += length) row.copyWithin(filled, 0, length);
  }
  return rows;
}

/** row[0..length) = the parameter's values (one value: repeated; none: `none`). */
function fillFirst(
  backend: SimdBackend,
  row: Float32Array,
  parameter: TensorInfo | undefined,
  length: number,
  none: number,
): void {
  if (parameter == null) {
    row.fill(none, 0, length);
    return;
  }
  const values = backend.view(parameter.dataId) as Float32Array;
  if (values.length === 1) row.fill(values[0], 0, length);
  else row.set(values.subarray(0, length));
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
    backend.wasm.kernels.vision_batch_norm_f32(backend.ptr(x), backend.ptr(out), n, backend.ptr(rows), rows.shape[1]);
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
