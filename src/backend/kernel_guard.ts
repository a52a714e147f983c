// What the backend does around every kernel it registers, so that one bad call cannot damage the others:
// - inputs are looked up first, so a disposed or foreign tensor fails before any output is allocated;
// - a kernel that throws has its allocations freed (the engine never saw them, nobody else could);
// - a WebAssembly trap is followed by a check of the allocator: the backend goes on if it is intact and
//   refuses further work with a clear error if it is not, instead of failing at random later;
// - in guarded memory (SIMD_GUARD_MEMORY), every block's red zones are checked after the kernel, and a
//   write outside a block fails the kernel that made it, by name.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { guardedMemoryWanted } from '../wasm/guard_setting.js';
import { describeViolation } from '../wasm/guarded_blocks.js';
import type { SimdBackend } from './backend_simd.js';
import { type PreparableKernelFunc, type PrepareKernel, withPrepare } from './prepared_kernel.js';

/** What guarded memory has caught in this process: stray writes, and the last one's description. */
const caught = { strayWrites: 0, last: '' };

/** Whether new backends guard their memory, and what the guard has caught so far in this process. */
export function memoryGuardReport(): { enabled: boolean; strayWrites: number; last: string } {
  return { enabled: guardedMemoryWanted(), ...caught };
}

/** The same kernel, run under the backend's guard. */
export function guardKernel(config: KernelConfig): KernelConfig {
  const { kernelName, kernelFunc } = config;
  const guarded: KernelFunc = (args) => {
    const backend = args.backend as SimdBackend;
    lookUpInputs(backend, args.inputs);
    const mark = backend.beginKernel();
    let result: ReturnType<KernelFunc>;
    try {
      result = kernelFunc(args);
    } catch (error) {
      backend.failKernel(mark);
      throw explainFailure(backend, kernelName, error);
    }
    const stray = backend.wasm.guard?.collect();
    if (stray != null && stray.length > 0) {
      backend.failKernel(mark);
      throw strayWriteError(kernelName, stray);
    }
    backend.endKernel();
    return result;
  };
  const { prepare } = kernelFunc as PreparableKernelFunc;
  if (prepare == null) return { ...config, kernelFunc: guarded };
  // A prepared call runs under the same guard: a trap is explained, a stray write fails it by name.
  const guardedPrepare: PrepareKernel = (args) => {
    const prepared = prepare(args);
    if (prepared == null) return null;
    const backend = args.backend as SimdBackend;
    return {
      ...prepared,
      run: (pointers) => {
        try {
          prepared.run(pointers);
        } catch (error) {
          throw explainFailure(backend, kernelName, error);
        }
        const stray = backend.wasm.guard?.collect();
        if (stray != null && stray.length > 0) throw strayWriteError(kernelName, stray);
      },
    };
  };
  return { ...config, kernelFunc: withPrepare(guarded, guardedPrepare) };
}

function strayWriteError(kernelName: string, stray: Parameters<typeof describeViolation>[0][]): Error {
  caught.strayWrites += stray.length;
  caught.last = `kernel '${kernelName}' wrote outside its memory: ${stray.map(describeViolation).join('; ')}`;
  return new Error(`Backend 'simd': ${caught.last}. The red zones caught it; the heap is intact.`);
}

/** A trap becomes an error that names the kernel and says whether the backend can go on. */
function explainFailure(backend: SimdBackend, kernelName: string, error: unknown): unknown {
  if (!(error instanceof WebAssembly.RuntimeError)) return error;
  const problem = allocatorProblem(backend);
  const what = `kernel '${kernelName}' trapped in WebAssembly (${error.message})`;
  if (problem == null) {
    return withCause(`Backend 'simd': ${what}; the allocator checked intact, the backend stays usable.`, error);
  }
  backend.markUnusable(`${what}, and then ${problem}.`);
  return withCause(`Backend 'simd': ${what}, and then ${problem}; the backend is now unusable.`, error);
}

function withCause(message: string, cause: unknown): Error {
  return Object.assign(new Error(message), { cause });
}

/** Null if the allocator still works (and, in guarded memory, every red zone is whole); else what is wrong. */
function allocatorProblem(backend: SimdBackend): string | null {
  const stray = backend.wasm.guard?.collect() ?? [];
  caught.strayWrites += stray.length;
  if (stray.length > 0) return `red zones were found changed (${stray.map(describeViolation).join('; ')})`;
  try {
    const probes = [16, 4096, 1 << 20].map((bytes) => backend.wasm.alloc(bytes));
    for (const ptr of probes) backend.wasm.free(ptr);
  } catch (e) {
    return `the allocator failed (${(e as Error).message})`;
  }
  return null;
}

/**
 * Looks up every tensor among a kernel's inputs (a record, or an array as for Concat, possibly nested), which
 * moves data other backends hold. Plain loops: this runs before every kernel.
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
