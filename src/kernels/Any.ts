import { Any, AnyAttrs, AnyInputs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelArgs } from './util/kernel_args.js';
import { reduceAlongAxes } from './util/reduce_axes.js';
import { reduceOnCpu } from './util/reduce_cpu.js';
import { OP_MAX } from './util/reduce_ops.js';

/** Logical or over axes (the maximum of 0/1 bytes); false over no element. */
export function any(args: KernelArgs<AnyInputs, AnyAttrs>): TensorInfo {
  const { inputs: { x }, attrs: { axis, keepDims }, backend } = args;
  if (x.dtype !== 'bool') return reduceOnCpu(Any, args);
  return reduceAlongAxes(backend, { ...x, dtype: 'bool' }, axis, keepDims, OP_MAX, 0);
}

export const anyConfig: KernelConfig = {
  kernelName: Any,
  backendName: 'simd',
  kernelFunc: any as unknown as KernelFunc,
};
