import {
  type KernelConfig,
  type KernelFunc,
  Select,
  type SelectInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import type { KernelArgs } from '../kernel_args.js';

/**
 * condition ? t : e element-wise. tfjs' where() broadcasts all three to one shape first; other shapes
 * (a rank-1 condition, which the cpu kernel reads its own way) and bool or string t, e run on tfjs-backend-cpu.
 */
export function select(args: KernelArgs<SelectInputs>): TensorInfo {
  const {
    inputs: { condition, t, e },
    backend,
  } = args;
  const size = util.sizeFromShape(t.shape);
  const native =
    condition.dtype === 'bool' &&
    t.dtype === e.dtype &&
    (t.dtype === 'float32' || t.dtype === 'int32') &&
    util.arraysEqual(condition.shape, t.shape) &&
    util.arraysEqual(e.shape, t.shape);
  if (!native) return runOnCpu(Select, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  const out = backend.makeOutput(t.shape, t.dtype);
  if (size > 0) {
    backend.wasm.kernels.elementwise_select_4byte(
      backend.ptr(condition),
      backend.ptr(t),
      backend.ptr(e),
      backend.ptr(out),
      size,
    );
  }
  return out;
}

export const selectConfig: KernelConfig = {
  kernelName: Select,
  backendName: 'simd',
  kernelFunc: select as unknown as KernelFunc,
};
