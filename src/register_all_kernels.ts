// Registers every tfjs kernel for 'simd': the native WASM ones, and the CPU fallback for all others.
import * as tfjsCore from '@tensorflow/tfjs-core';
import { getKernelsForBackend, KernelConfig, registerKernel, TensorInfo, unregisterKernel } from '@tensorflow/tfjs-core';
import type { SimdBackend } from './backend/backend_simd.js';
import { fallbackKernelConfig, isFallback } from './backend/cpu_fallback.js';
import { convKernels } from './kernels/registry/conv.js';
import { elementwiseKernels } from './kernels/registry/elementwise.js';
import { gemmKernels } from './kernels/registry/gemm.js';
import { layoutKernels } from './kernels/registry/layout.js';
import { probKernels } from './kernels/registry/prob.js';
import { reduceKernels } from './kernels/registry/reduce.js';

export const BACKEND_NAME = 'simd';

const nativeKernels: KernelConfig[] = [
  ...elementwiseKernels, ...reduceKernels, ...layoutKernels, ...gemmKernels, ...probKernels, ...convKernels,
];

const nativeNames = new Set(nativeKernels.map((k) => k.kernelName));

/** Every kernel tfjs-core declares: its exported name constants (`export const Abs = 'Abs'`). */
function declaredKernelNames(): string[] {
  return Object.entries(tfjsCore).filter(([key, value]) => value === key).map(([key]) => key);
}

/** Kernels an op probes for before taking another path (fromPixels reads pixels in JS when unregistered). */
const PROBED_KERNELS = new Set(['FromPixels']);

/**
 * The kernels the CPU fallback serves: tfjs-backend-cpu's, once it is loaded. Until then (it loads on first
 * use where the runtime allows), every kernel tfjs-core declares, so that none is missing when a program
 * reaches it; registerAllKernels settles the list when tfjs-backend-cpu arrives.
 */
function fallbackNames(): string[] {
  const cpuNames = getKernelsForBackend('cpu').map((k) => k.kernelName);
  const candidates = cpuNames.length > 0 ? cpuNames : declaredKernelNames().filter((name) => !PROBED_KERNELS.has(name));
  return candidates.filter((name) => !nativeNames.has(name));
}

/** Which kernels run as native WASM on 'simd', and which run tfjs-backend-cpu's code (sorted names). */
export function kernelCoverage(): { native: string[]; fallback: string[] } {
  return { native: [...nativeNames].sort(), fallback: fallbackNames().sort() };
}

/** Visits every tensor among a kernel's inputs (a record, or an array as for Concat, possibly nested). */
function forEachInput(inputs: unknown, visit: (info: TensorInfo) => void): void {
  if (inputs == null) return;
  if (Array.isArray(inputs)) inputs.forEach((input) => forEachInput(input, visit));
  else if ('dataId' in (inputs as object)) visit(inputs as TensorInfo);
  else Object.values(inputs as object).forEach((input) => forEachInput(input, visit));
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
      const backend = args.backend as SimdBackend;
      forEachInput(args.inputs, (info) => backend.get(info.dataId));
      return kernelFunc(args);
    },
  };
}

/**
 * Registers the native kernels and the CPU fallback for the others (see fallbackNames). Called again once
 * tfjs-backend-cpu is loaded: fallbacks it lacks are withdrawn, any it adds are registered.
 */
export function registerAllKernels(): void {
  const registered = new Map(getKernelsForBackend(BACKEND_NAME).map((k) => [k.kernelName, k]));
  for (const config of nativeKernels) {
    if (!registered.has(config.kernelName)) registerKernel(inputsCheckedFirst(config));
  }
  const fallbacks = new Set(fallbackNames());
  for (const name of fallbacks) {
    if (!registered.has(name)) registerKernel(fallbackKernelConfig(name));
  }
  if (getKernelsForBackend('cpu').length === 0) return;
  for (const [name, config] of registered) {
    if (!nativeNames.has(name) && !fallbacks.has(name) && isFallback(config)) unregisterKernel(name, BACKEND_NAME);
  }
}
