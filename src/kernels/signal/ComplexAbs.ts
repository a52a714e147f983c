import {
  ComplexAbs,
  type ComplexAbsInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { perComplexElement } from './parts.js';

/** |x| of each complex64 element (a spectrogram's magnitude), as float32: cpu's Math.hypot to float32 rounding. */
export function complexAbs(args: KernelArgs<ComplexAbsInputs, NoAttrs>): TensorInfo {
  return perComplexElement(ComplexAbs, args, args.inputs.x, (backend, out, x, n) =>
    backend.wasm.kernels.signal_complex_abs_c64(out, x, n),
  );
}

export const complexAbsConfig: KernelConfig = {
  kernelName: ComplexAbs,
  backendName: 'simd',
  kernelFunc: complexAbs as unknown as KernelFunc,
};
