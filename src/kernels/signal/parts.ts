// What Real, Imag and ComplexAbs share: one float32 value per element of a complex64 tensor.
import { type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import type { KernelArgs } from '../kernel_args.js';

/**
 * A float32 tensor of x's shape written by `write(outPtr, xPtr, count)`; other dtypes run cpu's kernel (which
 * rejects them, as it does eagerly).
 */
export function perComplexElement<I, A>(
  kernelName: string,
  args: KernelArgs<I, A>,
  x: TensorInfo,
  write: (backend: SimdBackend, out: number, x: number, n: number) => void,
): TensorInfo {
  if (x.dtype !== 'complex64') return runOnCpu(kernelName, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  const { backend } = args;
  const out = backend.makeOutput(x.shape, 'float32');
  const n = util.sizeFromShape(x.shape);
  if (n > 0) write(backend, backend.ptr(out), backend.ptr(x), n);
  return out;
}
