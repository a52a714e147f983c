import {
  Complex,
  type ComplexInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';

/** A complex64 tensor from its real and imaginary float32 parts, interleaved. */
export function complex(args: KernelArgs<ComplexInputs, NoAttrs>): TensorInfo {
  const {
    inputs: { real, imag },
    backend,
  } = args;
  const sameShape = util.arraysEqual(real.shape, imag.shape);
  if (real.dtype !== 'float32' || imag.dtype !== 'float32' || !sameShape) {
    return runOnCpu(Complex, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  const out = backend.makeOutput(real.shape, 'complex64');
  const n = util.sizeFromShape(real.shape);
  if (n > 0) backend.wasm.kernels.signal_complex_c64(backend.ptr(out), backend.ptr(real), backend.ptr(imag), n);
  return out;
}

export const complexConfig: KernelConfig = {
  kernelName: Complex,
  backendName: 'simd',
  kernelFunc: complex as unknown as KernelFunc,
};
