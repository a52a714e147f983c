// Native kernels of the 'signal' family (assembly/signal/): one config per file in this folder.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { complexConfig } from './Complex.js';
import { complexAbsConfig } from './ComplexAbs.js';
import { fftConfig } from './FFT.js';
import { ifftConfig } from './IFFT.js';
import { imagConfig } from './Imag.js';
import { realConfig } from './Real.js';

export const signalKernels: KernelConfig[] = [
  complexConfig,
  realConfig,
  imagConfig,
  complexAbsConfig,
  fftConfig,
  ifftConfig,
];
