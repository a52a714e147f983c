// FFT and IFFT: one native transform along the innermost axis.
import type { FFTInputs, TensorInfo } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';

/**
 * The discrete Fourier transform of each innermost row of a complex64 tensor (÷ n for the inverse), in float64:
 * radix 2 for power-of-two lengths, cpu's direct sum for others; equal to tfjs-backend-cpu's to float32 rounding.
 */
export function fourierTransform(args: KernelArgs<FFTInputs, NoAttrs>, inverse: boolean): TensorInfo {
  const {
    inputs: { input },
    backend,
  } = args;
  const out = backend.makeOutput(input.shape, 'complex64');
  const n = input.shape[input.shape.length - 1] ?? 1;
  const size = input.shape.reduce((a, b) => a * b, 1);
  if (size === 0) return out;
  transformRows(backend, backend.ptr(out), backend.ptr(input), size / n, n, inverse);
  return out;
}

function transformRows(backend: SimdBackend, out: number, x: number, rows: number, n: number, inverse: boolean): void {
  const { kernels } = backend.wasm;
  backend.wasm.withScratch(kernels.signal_fft_scratch_bytes(n), (scratch) =>
    kernels.signal_fft_c64(out, x, rows, n, inverse ? 1 : 0, scratch),
  );
}
