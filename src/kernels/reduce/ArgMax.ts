import {
  ArgMax,
  type ArgMaxAttrs,
  type ArgMaxInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { argReduce } from './arg.js';
import { reduceOnCpu } from './cpu.js';

/** First index of the maximum along an axis (NaN never wins, a NaN first element gives 0), as int32. */
export function argMax(args: KernelArgs<ArgMaxInputs, ArgMaxAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { axis },
    backend,
  } = args;
  if (x.dtype !== 'float32') return reduceOnCpu(ArgMax, args);
  return argReduce(backend, x, axis, 'reduce_arg_max_f32');
}

export const argMaxConfig: KernelConfig = {
  kernelName: ArgMax,
  backendName: 'simd',
  kernelFunc: argMax as unknown as KernelFunc,
};
