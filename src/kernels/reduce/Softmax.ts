import {
  type KernelConfig,
  type KernelFunc,
  Softmax,
  type SoftmaxAttrs,
  type SoftmaxInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { reduceOnCpu } from './cpu.js';

/**
 * exp(x - max) / sum(exp(x - max)) along the last axis, in one WASM pass per row. A NaN or +Infinity in a row
 * makes the row NaN, as on cpu. cpu rejects other axes; that error (and other dtypes) comes from cpu.
 */
export function softmax(args: KernelArgs<SoftmaxInputs, SoftmaxAttrs>): TensorInfo {
  const {
    inputs: { logits },
    attrs: { dim },
    backend,
  } = args;
  const rank = logits.shape.length;
  const lastAxis = dim === -1 || dim === rank - 1;
  if (logits.dtype !== 'float32' || rank === 0 || !lastAxis) return reduceOnCpu(Softmax, args);
  const out = backend.makeOutput(logits.shape, 'float32');
  const size = util.sizeFromShape(logits.shape);
  if (size === 0) return out;
  const n = logits.shape[rank - 1];
  backend.wasm.launch('reduce_softmax_f32', [backend.ptr(logits), backend.ptr(out), size / n, n], size);
  return out;
}

export const softmaxConfig: KernelConfig = {
  kernelName: Softmax,
  backendName: 'simd',
  kernelFunc: softmax as unknown as KernelFunc,
};
