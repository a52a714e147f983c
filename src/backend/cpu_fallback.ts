// The generic path for kernels without a native WASM implementation: run tfjs-backend-cpu's kernel on
// a private CPU backend. Inputs are handed over as views of linear memory (no copy); outputs are copied
// back into linear memory. Correct for every kernel the CPU backend has, and slow only where it is.
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import {
  backend_util, getKernel, KernelConfig, KernelFunc, TensorInfo, util,
} from '@tensorflow/tfjs-core';
import type { SimdBackend } from './backend_simd.js';

type KernelArgs = Parameters<KernelFunc>[0];
type Inputs = KernelArgs['inputs'];

const cpuBackends = new WeakMap<SimdBackend, MathBackendCPU>();

/** The CPU backend that runs fallback kernels for one 'simd' backend (made on first use). */
function cpuFor(simd: SimdBackend): MathBackendCPU {
  let cpu = cpuBackends.get(simd);
  if (cpu == null) {
    cpu = new MathBackendCPU();
    // Its "install tfjs-node" banner concerns users of 'cpu', not kernels borrowed from it.
    (cpu as unknown as { firstUse: boolean }).firstUse = false;
    cpuBackends.set(simd, cpu);
  }
  return cpu;
}

function cpuKernelFunc(kernelName: string): KernelFunc {
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
      const detached = Array.isArray(values[i])
        ? values[i] : copyIfShared(values[i] as backend_util.TypedArray, simd);
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

/** A 'simd' kernel config that runs the CPU backend's implementation of `kernelName`. */
export function fallbackKernelConfig(kernelName: string): KernelConfig {
  return {
    kernelName,
    backendName: 'simd',
    kernelFunc: (args) => runOnCpu(kernelName, args),
  };
}
