// Registers every tfjs kernel for 'simd': the native WASM ones, and the CPU fallback for all others.
import '@tensorflow/tfjs-backend-cpu'; // registers the CPU kernels the fallback runs
import { getKernelsForBackend, KernelConfig, registerKernel, TensorInfo } from '@tensorflow/tfjs-core';
import type { SimdBackend } from './backend/backend_simd.js';
import { fallbackKernelConfig } from './backend/cpu_fallback.js';
import { convKernels } from './kernels/registry/conv.js';
import { elementwiseKernels } from './kernels/registry/elementwise.js';
import { gemmKernels } from './kernels/registry/gemm.js';
import { layoutKernels } from './kernels/registry/layout.js';
import { optimKernels } from './kernels/registry/optim.js';
import { probKernels } from './kernels/registry/prob.js';
import { reduceKernels } from './kernels/registry/reduce.js';

export const BACKEND_NAME = 'simd';

const nativeKernels: KernelConfig[] = [
  ...elementwiseKernels, ...reduceKernels, ...layoutKernels, ...gemmKernels, ...probKernels, ...convKernels,
  ...optimKernels,
];

/** Which kernels run as native WASM on 'simd', and which run tfjs-backend-cpu's code (sorted names). */
export function kernelCoverage(): { native: string[]; fallback: string[] } {
  const native = new Set(nativeKernels.map((k) => k.kernelName));
  const fallback = getKernelsForBackend('cpu').map((k) => k.kernelName).filter((name) => !native.has(name));
  return { native: [...native].sort(), fallback: fallback.sort() };
}

/**
 * Looks up every tensor among a kernel's inputs (a record, or an array as for Concat, possibly nested).
 * Plain loops: this runs before every kernel, and a closure per call showed in the profile of tiny ops.
 */
function lookUpInputs(backend: SimdBackend, inputs: unknown): void {
  if (inputs == null) return;
  if (Array.isArray(inputs)) {
    for (let i = 0; i < inputs.length; i++) lookUpInputs(backend, inputs[i]);
    return;
  }
  const dataId = (inputs as Partial<TensorInfo>).dataId;
  if (dataId != null) {
    backend.get(dataId);
    return;
  }
  const record = inputs as Record<string, unknown>;
  for (const name in record) lookUpInputs(backend, record[name]);
}

/**
 * Looks every input up before the kernel runs, so that a disposed or foreign tensor fails (or moves
 * here) before the kernel allocates its output, which would otherwise leak.
 */
function inputsCheckedFirst(config: KernelConfig): KernelConfig {
  const { kernelFunc } = config;
  return {
    ...config,
    kernelFunc: (args) => {
      lookUpInputs(args.backend as SimdBackend, args.inputs);
      return kernelFunc(args);
    },
  };
}

export function registerAllKernels(): void {
  const registered = new Set(getKernelsForBackend(BACKEND_NAME).map((k) => k.kernelName));
  const register = (config: KernelConfig) => {
    if (!registered.has(config.kernelName)) registerKernel(config);
    registered.add(config.kernelName);
  };
  nativeKernels.map(inputsCheckedFirst).forEach(register);
  kernelCoverage().fallback.forEach((name) => register(fallbackKernelConfig(name)));
}
