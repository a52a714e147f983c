import { type KernelConfig, type KernelFunc, Range, type RangeAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import type { KernelArgs, NoInputs } from '../kernel_args.js';

/**
 * How many values tfjs-backend-cpu's Range makes, and the step it takes: no values for start = stop or a step
 * pointing away from stop (but a step in (0, 1) towards a lower stop counts up, and a step of 1 becomes -1).
 */
function rangeLength(start: number, stop: number, step: number): { length: number; step: number } {
  if (start === stop || (start < stop && step < 0) || (stop < start && step > 1)) return { length: 0, step };
  const length = Math.abs(Math.ceil((stop - start) / step));
  if (Number.isNaN(length)) return { length: 0, step };
  if (!Number.isFinite(length)) {
    throw new Error(`Range: start ${start}, stop ${stop} and step ${step} make an endless sequence.`);
  }
  return { length, step: stop < start && step === 1 ? -1 : step };
}

/** start, start + step, …: each sum rounded to the dtype as it is stored, as on tfjs-backend-cpu. */
export function range(args: KernelArgs<NoInputs, RangeAttrs>): TensorInfo {
  const {
    attrs: { start, stop, step, dtype },
    backend,
  } = args;
  if (dtype !== 'float32' && dtype !== 'int32')
    return runOnCpu(Range, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  const { length, step: $step } = rangeLength(start, stop, step);
  const out = backend.makeOutput([length], dtype);
  if (length === 0) return out;
  const kernels = backend.wasm.kernels;
  if (dtype === 'int32') kernels.layout_range_i32(backend.ptr(out), length, start, $step);
  else kernels.layout_range_f32(backend.ptr(out), length, start, $step);
  return out;
}

export const rangeConfig: KernelConfig = {
  kernelName: Range,
  backendName: 'simd',
  kernelFunc: range as unknown as KernelFunc,
};
