// Sum, Max and Min over any axes of a float32 or int32 tensor, and All/Any of a bool tensor.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { planReduction } from './plan.js';
import { runReduction } from './run.js';
import { reduceAlongMiddle } from './threads.js';

/** Which WASM export reduces each dtype. */
const KERNEL_BY_DTYPE = { float32: 'reduce_f32', int32: 'reduce_i32', bool: 'reduce_bool' } as const;

export function reduceAlongAxes(
  backend: SimdBackend,
  x: TensorInfo & { dtype: keyof typeof KERNEL_BY_DTYPE },
  axis: number | number[] | undefined,
  keepDims: boolean,
  op: number,
  emptyValue: number,
): TensorInfo {
  const name = KERNEL_BY_DTYPE[x.dtype];
  return runReduction(backend, x, planReduction(x.shape, axis), keepDims, {
    dtype: x.dtype,
    emptyValue,
    run: (src, dst, { outer, n, inner }) => {
      if (name === 'reduce_bool') {
        backend.wasm.kernels.reduce_bool(op, src, dst, outer, n, inner);
      } else {
        // reduce_f32's divisor: Mean's count, 1 here.
        reduceAlongMiddle(
          backend.wasm,
          backend.threadPool,
          name,
          op,
          src,
          dst,
          outer,
          n,
          inner,
          name === 'reduce_f32' ? 1 : undefined,
        );
      }
    },
  });
}

/** float32 and int32: the dtypes Sum, Max and Min reduce natively. */
export function isNumericDtype(x: TensorInfo): x is TensorInfo & { dtype: 'float32' | 'int32' } {
  return x.dtype === 'float32' || x.dtype === 'int32';
}
