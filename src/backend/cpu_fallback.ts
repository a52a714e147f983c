// The generic path for kernels without a native WASM implementation: run tfjs-backend-cpu's kernel on
// a private CPU backend. Inputs are handed over as views of linear memory (no copy); outputs are copied
// back into linear memory. Correct for every kernel the CPU backend has, and slow only where it is.
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import {
  type backend_util,
  findBackendFactory,
  getKernel,
  getKernelsForBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { SimdBackend } from './backend_simd.js';
import { guardKernel } from './kernel_guard.js';

type KernelArgs = Parameters<KernelFunc>[0];
type Inputs = KernelArgs['inputs'];

const cpuBackends = new WeakMap<SimdBackend, MathBackendCPU>();
let cpuBackendClass: (new () => MathBackendCPU) | undefined;
let onCpuLoaded: () => void = () => {};

type CpuModule = typeof import('@tensorflow/tfjs-backend-cpu');

/** Called once tfjs-backend-cpu is available (its kernels registered). */
export function whenCpuLoaded(callback: () => void): void {
  onCpuLoaded = callback;
}

/**
 * Node's `require`, which loads tfjs-backend-cpu synchronously the first time a fallback kernel runs, so a
 * program whose kernels are all native never parses it (a large share of a fresh process's start). Elsewhere
 * undefined: browsers have no synchronous loading, and Deno and Bun may resolve the package's ESM build
 * and with it a second copy of tfjs-core.
 */
function nodeRequire(): ((id: string) => unknown) | undefined {
  const runtime = (globalThis as { process?: NodeJS.Process }).process;
  if (runtime?.versions?.node == null || 'bun' in runtime.versions || 'deno' in runtime.versions) return undefined;
  if (typeof runtime.getBuiltinModule !== 'function') return undefined;
  const { createRequire } = runtime.getBuiltinModule('node:module') as typeof import('node:module');
  return createRequire(import.meta.url);
}

/** Whether tfjs-backend-cpu loads on demand, synchronously; if not, loadCpuFallback must be awaited first. */
export const cpuLoadsOnDemand = nodeRequire() != null;

/** The CPU backend class of the tfjs-backend-cpu this tfjs-core has registered, if any has been imported. */
function registeredCpuBackendClass(): (new () => MathBackendCPU) | undefined {
  const factory = findBackendFactory('cpu');
  if (factory == null || getKernelsForBackend('cpu').length === 0) return undefined;
  const probe = factory() as MathBackendCPU;
  probe.dispose();
  return probe.constructor as new () => MathBackendCPU;
}

function cpuAvailable(backendClass: new () => MathBackendCPU): void {
  if (getKernelsForBackend('cpu').length === 0) {
    throw new Error(
      "Backend 'simd': tfjs-backend-cpu registered its kernels with another copy of " +
        "@tensorflow/tfjs-core; import '@tensorflow/tfjs-backend-cpu' in the program next to tfjs-core.",
    );
  }
  cpuBackendClass = backendClass;
  onCpuLoaded();
}

/**
 * Whether fallback kernels can run without waiting: tfjs-backend-cpu loads on demand (Node), or the program
 * has already imported it (as `@tensorflow/tfjs` does).
 */
export function cpuFallbackReady(): boolean {
  return cpuLoadsOnDemand || adoptRegisteredCpu();
}

/** Whether tfjs-backend-cpu is available: taken already, or registered by the program (then taken now). */
function adoptRegisteredCpu(): boolean {
  if (cpuBackendClass != null) return true;
  const registered = registeredCpuBackendClass();
  if (registered != null) cpuAvailable(registered);
  return registered != null;
}

/** Loads tfjs-backend-cpu (unless the program already has), which registers the kernels the fallback runs. */
export async function loadCpuFallback(): Promise<void> {
  if (cpuBackendClass != null) return;
  cpuAvailable(registeredCpuBackendClass() ?? (await import('@tensorflow/tfjs-backend-cpu')).MathBackendCPU);
}

function cpuBackendConstructor(): new () => MathBackendCPU {
  if (adoptRegisteredCpu()) return cpuBackendClass!;
  if (cpuLoadsOnDemand) cpuAvailable((nodeRequire()!('@tensorflow/tfjs-backend-cpu') as CpuModule).MathBackendCPU);
  else
    throw new Error(
      "Backend 'simd': tfjs-backend-cpu is not loaded yet; await tf.setBackend('simd') or tf.ready() first.",
    );
  return cpuBackendClass!;
}

/** The CPU backend that runs fallback kernels for one 'simd' backend (made on first use). */
function cpuFor(simd: SimdBackend): MathBackendCPU {
  let cpu = cpuBackends.get(simd);
  if (cpu == null) {
    cpu = new (cpuBackendConstructor())();
    // Its "install tfjs-node" banner concerns users of 'cpu', not kernels borrowed from it.
    (cpu as unknown as { firstUse: boolean }).firstUse = false;
    cpuBackends.set(simd, cpu);
  }
  return cpu;
}

function cpuKernelFunc(kernelName: string): KernelFunc {
  cpuBackendConstructor(); // loads tfjs-backend-cpu where that happens on demand
  const config = getKernel(kernelName, 'cpu');
  if (config == null) {
    throw new Error(`Backend 'simd': kernel '${kernelName}' has neither a native nor a CPU implementation.`);
  }
  return config.kernelFunc;
}

/** Runs the CPU backend's kernel `kernelName` on tensors of the 'simd' backend. */
export function runOnCpu(kernelName: string, args: KernelArgs): TensorInfo | TensorInfo[] {
  const simd = args.backend as SimdBackend;
  const cpu = cpuFor(simd);
  const handedOver: TensorInfo[] = [];
  const toCpu = (info: TensorInfo): TensorInfo => {
    const moved = moveToCpu(simd, cpu, info);
    handedOver.push(moved);
    // Some CPU kernels read the Tensor properties the engine passes (rank, size), not only TensorInfo's.
    return { ...moved, rank: info.shape.length, size: util.sizeFromShape(info.shape) } as TensorInfo;
  };
  const cpuInputs = mapInputs(args.inputs, toCpu);
  try {
    const result = cpuKernelFunc(kernelName)({ inputs: cpuInputs, attrs: args.attrs, backend: cpu });
    const outputs = Array.isArray(result) ? result : [result];
    // Read every output before allocating any: allocation may grow (and detach) the memory under the views.
    const values = outputs.map((out) => cpu.readSync(out.dataId));
    const simdOutputs = outputs.map((out, i) => {
      const detached = Array.isArray(values[i]) ? values[i] : copyIfShared(values[i] as backend_util.TypedArray, simd);
      return { dataId: simd.write(detached, out.shape, out.dtype), shape: out.shape, dtype: out.dtype };
    });
    for (const out of outputs) cpu.disposeData(out.dataId, true);
    return Array.isArray(result) ? simdOutputs : simdOutputs[0];
  } finally {
    for (const info of handedOver) cpu.disposeData(info.dataId, true);
  }
}

function copyIfShared(values: backend_util.TypedArray, simd: SimdBackend): backend_util.TypedArray {
  return values.buffer === simd.wasm.memory.buffer ? values.slice() : values;
}

function mapInputs(inputs: Inputs, convert: (info: TensorInfo) => TensorInfo): Inputs {
  const convertAny = (value: unknown): unknown => {
    if (value == null) return value;
    if (Array.isArray(value)) return value.map(convertAny);
    return convert(value as TensorInfo);
  };
  if (Array.isArray(inputs)) return (inputs as unknown[]).map(convertAny) as unknown as Inputs;
  const mapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(inputs)) mapped[name] = convertAny(value);
  return mapped as Inputs;
}

/** Makes a CPU-backend tensor over the same values (a view for numeric data, which the kernel only reads). */
function moveToCpu(simd: SimdBackend, cpu: MathBackendCPU, info: TensorInfo): TensorInfo {
  const { dtype, shape } = info;
  if (dtype === 'string') {
    return cpu.makeTensorInfo(shape, dtype, simd.readSync(info.dataId) as Uint8Array[]);
  }
  const view = simd.view(info.dataId);
  if (dtype !== 'complex64') return cpu.makeTensorInfo(shape, dtype, view);
  // The CPU backend keeps complex tensors as a pair of float32 tensors.
  const size = util.sizeFromShape(shape);
  const real = new Float32Array(size);
  const imag = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    real[i] = view[2 * i];
    imag[i] = view[2 * i + 1];
  }
  const realInfo = cpu.makeTensorInfo(shape, 'float32', real);
  const imagInfo = cpu.makeTensorInfo(shape, 'float32', imag);
  const complex = cpuKernelFunc('Complex')({ inputs: { real: realInfo, imag: imagInfo }, backend: cpu, attrs: {} });
  cpu.disposeData(realInfo.dataId, true);
  cpu.disposeData(imagInfo.dataId, true);
  return complex as TensorInfo;
}

const fallbackConfigs = new WeakSet<KernelConfig>();

/** A 'simd' kernel config that runs the CPU backend's implementation of `kernelName`. */
export function fallbackKernelConfig(kernelName: string): KernelConfig {
  const config = guardKernel({
    kernelName,
    backendName: 'simd',
    kernelFunc: (args) => runOnCpu(kernelName, args),
  });
  fallbackConfigs.add(config);
  return config;
}

/** Whether a registered config is one of fallbackKernelConfig's (not a kernel registered by someone else). */
export function isFallback(config: KernelConfig): boolean {
  return fallbackConfigs.has(config);
}
