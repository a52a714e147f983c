import {
  ArgMin,
  type ArgMinAttrs,
  type ArgMinInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { argReduce } from './arg.js';
import { reduceOnCpu } from './cpu.js';

/** First index of the minimum along an axis (NaN never wins, a NaN first element gives 0), as int32. */
export function argMin(args: KernelArgs<ArgMinInputs, ArgMinAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { axis },
    backend,
  } = args;
  if (x.dtype !== 'float32') return reduceOnCpu(ArgMin, args);
  return argReduce(backend, x, axis, 'reduce_arg_min_f32');
}

export const argMinConfig: KernelConfig = {
  kernelName: ArgMin,
  backendName: 'simd',
  kernelFunc: argMin as unknown as KernelFunc,
};
