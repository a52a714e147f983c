import { Imag, type ImagInputs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { perComplexElement } from './parts.js';

/** The imaginary parts of a complex64 tensor, as float32. */
export function imag(args: KernelArgs<ImagInputs, NoAttrs>): TensorInfo {
  return perComplexElement(Imag, args, args.inputs.input, (backend, out, x, n) =>
    backend.wasm.kernels.signal_part_c64(out, x, n, 1),
  );
}

export const imagConfig: KernelConfig = {
  kernelName: Imag,
  backendName: 'simd',
  kernelFunc: imag as unknown as KernelFunc,
};
