// Loads the kernels' WebAssembly module from bytes embedded in the JS build: no file path, no fetch.
// Two builds exist: plain SIMD, and relaxed SIMD (fused multiply-add); the best one the runtime validates wins.
// Runtimes that forbid compiling WebAssembly from bytes (Cloudflare Workers) hand over precompiled modules
// instead, with setWasmModule: a build given that way is used as is, never validated nor compiled.
// Each build also exists as a threaded variant on an imported shared memory, used where the runtime has
// shared memory and more than one thread is wanted (src/threads/).
import {
  RELAXED_SIMD_THREADS_WASM_BASE64, RELAXED_SIMD_WASM_BASE64, SIMD_THREADS_WASM_BASE64, SIMD_WASM_BASE64,
} from './binaries.js';
import { requestedThreadCount } from '../threads/settings.js';
import { kernelImports } from './imports.js';
import { GuardedBlocks } from './guarded_blocks.js';
import { guardedMemoryWanted } from './guard_setting.js';

/** A kernel exported by the module: numbers (pointers, sizes, scalars) in, at most one number out. */
export type WasmKernel = (...args: number[]) => number;

export type WasmBuild = 'relaxed-simd' | 'simd';

/** Largest linear memory a wasm32 module can address. */
const MAX_WASM_BYTES = 2 ** 32;
/** Pages of the threaded builds' memory: initial as in asconfig.json, maximum what wasm32 addresses. */
const SHARED_MEMORY_PAGES = { initial: 16, maximum: 65536 };

function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const BASE64: Record<WasmBuild, string> = {
  'relaxed-simd': RELAXED_SIMD_WASM_BASE64,
  simd: SIMD_WASM_BASE64,
};

const THREADS_BASE64: Record<WasmBuild, string> = {
  'relaxed-simd': RELAXED_SIMD_THREADS_WASM_BASE64,
  simd: SIMD_THREADS_WASM_BASE64,
};

/** Modules compiled by the host (e.g. imported from a .wasm file in a worker), by build. */
const precompiled = new Map<WasmBuild, WebAssembly.Module>();

/**
 * Hands the backend a precompiled module of one build, for runtimes that forbid compiling WebAssembly
 * at run time. Backends created from then on use it; the embedded bytes of that build are not compiled.
 */
export function setWasmModule(module: WebAssembly.Module, build: WasmBuild): void {
  if (!(module instanceof WebAssembly.Module)) {
    throw new TypeError(`setWasmModule: expected a WebAssembly.Module for the '${build}' build, got ${String(module)}.`);
  }
  if (build !== 'simd' && build !== 'relaxed-simd') {
    throw new TypeError(`setWasmModule: build must be 'simd' or 'relaxed-simd', got '${String(build)}'.`);
  }
  precompiled.set(build, module);
}

const validated = new Map<WasmBuild, boolean>();

function validates(build: WasmBuild): boolean {
  let valid = validated.get(build);
  if (valid == null) {
    try {
      valid = WebAssembly.validate(decodeBase64(BASE64[build]));
    } catch {
      valid = false;
    }
    validated.set(build, valid);
  }
  return valid;
}

/** Whether this runtime can run a build: it was handed over precompiled, or its real binary validates. */
export function supportsBuild(build: WasmBuild): boolean {
  return precompiled.has(build) || validates(build);
}

/** What the runtime offers, as far as the kernels care. */
export interface WasmFeatures {
  /** WebAssembly SIMD (v128): required. */
  simd: boolean;
  /** Relaxed SIMD (fused multiply-add): used when present. */
  relaxedSimd: boolean;
  /** Shared memory and atomics usable from this context (cross-origin isolated in browsers): the threaded builds can run. */
  threads: boolean;
}

// The smallest module with a shared memory and one atomic load: validates only where wasm threads exist.
const THREADS_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 4, 1, 3, 1, 1, 10, 11, 1, 9, 0, 65, 0, 254, 16, 2, 0, 26, 11,
]);

function supportsThreads(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return false;
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return memory.buffer instanceof SharedArrayBuffer && WebAssembly.validate(THREADS_PROBE);
  } catch {
    return false;
  }
}

/** Detects SIMD, relaxed SIMD and threads support in this runtime. */
export function detectWasmFeatures(): WasmFeatures {
  return { simd: supportsBuild('simd'), relaxedSimd: supportsBuild('relaxed-simd'), threads: supportsThreads() };
}

/** The build new backends use: 'auto' takes relaxed SIMD where the runtime validates it. */
let requestedBuild: WasmBuild | 'auto' = 'auto';

/** Picks the build for backends created from now on ('auto', 'relaxed-simd' or 'simd'). */
export function setWasmBuild(build: WasmBuild | 'auto'): void {
  requestedBuild = build;
}

function chooseBuild(): WasmBuild {
  if (requestedBuild !== 'auto') {
    if (precompiled.size > 0 && !precompiled.has(requestedBuild)) {
      throw new Error(`Backend 'simd': the '${requestedBuild}' build was not given with setWasmModule.`);
    }
    if (!supportsBuild(requestedBuild)) {
      throw new Error(`Backend 'simd': this runtime cannot run the '${requestedBuild}' build.`);
    }
    return requestedBuild;
  }
  // Where modules were handed over, compiling the others may be forbidden: choose among the given ones.
  if (precompiled.size > 0) return precompiled.has('relaxed-simd') ? 'relaxed-simd' : 'simd';
  if (supportsBuild('relaxed-simd')) return 'relaxed-simd';
  if (supportsBuild('simd')) return 'simd';
  throw new Error(
    "Backend 'simd' needs WebAssembly SIMD (v128), which this runtime does not support " +
      '(Node >= 16.4, Deno, Bun, Chrome >= 91, Firefox >= 89, Safari >= 16.4 have it).');
}

const compiled = new Map<string, Promise<WebAssembly.Module>>();

function compileBuild(build: WasmBuild, threaded: boolean): Promise<WebAssembly.Module> {
  const given = precompiled.get(build);
  if (given != null && !threaded) return Promise.resolve(given);
  const key = `${build}${threaded ? '+threads' : ''}`;
  let module = compiled.get(key);
  if (module == null) {
    const base64 = threaded ? THREADS_BASE64[build] : BASE64[build];
    module = WebAssembly.compile(decodeBase64(base64)).catch(explainForbiddenCompile);
    compiled.set(key, module);
    module.catch(() => compiled.delete(key));
  }
  return module;
}

/** Cloudflare Workers and similar hosts refuse WebAssembly.compile: say what to do instead. */
function explainForbiddenCompile(error: Error): never {
  if (/disallowed|code generation/i.test(error?.message ?? '')) {
    throw new Error(
      `Backend 'simd': this runtime forbids compiling WebAssembly at run time (${error.message}). ` +
        "Import 'tfjs-backend-simd/workers' instead of 'tfjs-backend-simd' (it imports the kernels as .wasm modules), " +
        'or hand over a precompiled module with setWasmModule(module, build).');
  }
  throw error;
}

/** One instance of the kernels' module, with its own linear memory. */
export class SimdWasm {
  readonly memory: WebAssembly.Memory;
  /** Every exported kernel, by its export name. */
  readonly kernels: Record<string, WasmKernel>;

  /** What the runtime offers, detected when the instance was made. */
  readonly features: WasmFeatures = detectWasmFeatures();

  /** Red zones around every block (SIMD_GUARD_MEMORY), decided once: a memory is guarded for its whole life. */
  readonly guard: GuardedBlocks | null;

  /**
   * @param threads for a threaded build: its compiled module and shared memory, which worker threads
   *     instantiate again; null for the single-thread builds.
   */
  constructor(
    instance: WebAssembly.Instance, readonly build: WasmBuild,
    readonly threads: { module: WebAssembly.Module; memory: WebAssembly.Memory } | null = null,
  ) {
    const exports = instance.exports as Record<string, unknown>;
    this.memory = threads?.memory ?? exports.memory as WebAssembly.Memory;
    this.kernels = exports as Record<string, WasmKernel>;
    this.guard = guardedMemoryWanted()
      ? new GuardedBlocks(this.memory, {
        alloc: (bytes, requested) => this.rawAlloc(bytes, requested),
        free: (ptr) => this.kernels.free(ptr),
        fillBytes: (dst, value, bytes) => this.kernels.fillBytes(dst, value, bytes),
        firstByteNot: (start, end, value) => this.kernels.firstByteNot(start, end, value),
      })
      : null;
  }

  /** Allocates `bytes` bytes of linear memory (0 bytes gives the null pointer, which is never read). */
  alloc(bytes: number): number {
    if (!(bytes <= MAX_WASM_BYTES - this.memory.buffer.byteLength)) {
      throw new RangeError(
        `Backend 'simd': cannot allocate ${bytes} bytes: WebAssembly memory holds at most ${MAX_WASM_BYTES} ` +
          `bytes and ${this.memory.buffer.byteLength} are already reserved.`);
    }
    if (this.guard != null) return this.guard.alloc(bytes);
    return bytes === 0 ? 0 : this.rawAlloc(bytes, bytes);
  }

  /** Allocates `bytes` bytes for a request of `requested` (they differ by the red zones of guarded memory). */
  private rawAlloc(bytes: number, requested: number): number {
    try {
      return this.kernels.alloc(bytes) >>> 0;
    } catch (e) {
      throw new RangeError(`Backend 'simd': cannot allocate ${requested} bytes: ${(e as Error).message}`);
    }
  }

  /** Frees a block (in guarded memory, after checking its red zones). */
  free(ptr: number): void {
    if (ptr === 0) return;
    if (this.guard != null) this.guard.free(ptr);
    else this.kernels.free(ptr);
  }

  // Views are made fresh on every call: growing the memory detaches earlier views.
  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }
  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }
  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr, length);
  }
}

/** A fresh shared memory for a threaded build, or null where the runtime refuses one (e.g. too large a maximum). */
function sharedMemory(): WebAssembly.Memory | null {
  try {
    return new WebAssembly.Memory({ ...SHARED_MEMORY_PAGES, shared: true });
  } catch {
    return null;
  }
}

/** The threaded variant runs where shared memory exists, threads are wanted and modules are not handed over. */
async function wantsThreadedBuild(build: WasmBuild): Promise<boolean> {
  if (precompiled.size > 0 || !supportsThreads()) return false;
  if (await requestedThreadCount() <= 1) return false;
  let valid = validatedThreads.get(build);
  if (valid == null) {
    try {
      valid = WebAssembly.validate(decodeBase64(THREADS_BASE64[build]));
    } catch {
      valid = false;
    }
    validatedThreads.set(build, valid);
  }
  return valid;
}

const validatedThreads = new Map<WasmBuild, boolean>();

/** Instantiates a fresh module (fresh memory); compiling happens once per process. */
export async function instantiateSimdWasm(): Promise<SimdWasm> {
  const build = chooseBuild();
  const memory = await wantsThreadedBuild(build) ? sharedMemory() : null;
  if (memory != null) {
    try {
      const module = await compileBuild(build, true);
      const instance = await WebAssembly.instantiate(module, kernelImports(() => memory, memory));
      return new SimdWasm(instance, build, { module, memory });
    } catch {
      // Any refusal of the threaded variant leaves the single-thread build, which is always correct.
    }
  }
  const module = await compileBuild(build, false);
  let exported: WebAssembly.Memory | undefined;
  const instance = await WebAssembly.instantiate(module, kernelImports(() => exported));
  exported = instance.exports.memory as WebAssembly.Memory;
  return new SimdWasm(instance, build);
}
