// Loads the kernels' WebAssembly module. Two builds exist: plain SIMD, and relaxed SIMD (fused multiply-add);
// the best one the runtime supports wins, decided by feature probes, so that only the chosen build's file is
// loaded (./files.ts: fetched, read from disk, or embedded). Runtimes that forbid compiling WebAssembly from
// bytes (Cloudflare Workers) hand over precompiled modules instead, with setWasmModule: a build given that
// way is used as is, never loaded nor compiled.
// Each build also exists as a threaded variant on an imported shared memory, used where the runtime has
// shared memory and more than one thread is wanted (src/threads/).

import { nodeBuiltin } from '../node_builtin.js';
import type { ExportName, WasmExports } from './exports.generated.js';
import { loadWasmFile, type WasmFileName, wasmFileBytesNow } from './files.js';
import { guardedMemoryWanted } from './guard_setting.js';
import { GuardedBlocks } from './guarded_blocks.js';
import { kernelImports } from './imports.js';
import { hasRelaxedSimd, hasSimd, hasWasmThreads } from './probes.js';
import { requestedThreadCount } from './thread_count.js';

/** A kernel exported by the module: numbers (pointers, sizes, scalars) in, at most one number out. */
export type WasmKernel = (...args: number[]) => number | undefined;

export type WasmBuild = 'relaxed-simd' | 'simd';

/** Largest linear memory a wasm32 module can address. */
const MAX_WASM_BYTES = 2 ** 32;
/** Pages of the threaded builds' memory: initial as in asconfig.json, maximum what wasm32 addresses. */
const SHARED_MEMORY_PAGES = { initial: 16, maximum: 65536 };

/** The file of each build, single-thread and threaded. */
const FILES: Record<WasmBuild, { single: WasmFileName; threaded: WasmFileName }> = {
  'relaxed-simd': { single: 'simd-relaxed.wasm', threaded: 'simd-relaxed-threads.wasm' },
  simd: { single: 'simd.wasm', threaded: 'simd-threads.wasm' },
};

/** Modules compiled by the host (e.g. imported from a .wasm file in a worker), by build. */
const precompiled = new Map<WasmBuild, WebAssembly.Module>();

/**
 * Hands the backend a precompiled module of one build, for runtimes that forbid compiling WebAssembly
 * at run time. Backends created from then on use it; the embedded bytes of that build are not compiled.
 */
export function setWasmModule(module: WebAssembly.Module, build: WasmBuild): void {
  if (!(module instanceof WebAssembly.Module)) {
    throw new TypeError(
      `setWasmModule: expected a WebAssembly.Module for the '${build}' build, got ${String(module)}.`,
    );
  }
  if (build !== 'simd' && build !== 'relaxed-simd') {
    throw new TypeError(`setWasmModule: build must be 'simd' or 'relaxed-simd', got '${String(build)}'.`);
  }
  precompiled.set(build, module);
}

/** Whether this runtime can run a build: it was handed over precompiled, or the runtime has its features. */
export function supportsBuild(build: WasmBuild): boolean {
  return precompiled.has(build) || (build === 'relaxed-simd' ? hasRelaxedSimd() : hasSimd());
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

function supportsThreads(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return false;
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return memory.buffer instanceof SharedArrayBuffer && hasWasmThreads();
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
      '(Node >= 16.4, Deno, Bun, Chrome >= 91, Firefox >= 89, Safari >= 16.4 have it).',
  );
}

const compiled = new Map<string, Promise<WebAssembly.Module>>();
/** The same modules once compiled, for compileBuildNow. */
const compiledNow = new Map<string, WebAssembly.Module>();

function compileBuild(build: WasmBuild, threaded: boolean): Promise<WebAssembly.Module> {
  const given = precompiled.get(build);
  if (given != null && !threaded) return Promise.resolve(given);
  const key = `${build}${threaded ? '+threads' : ''}`;
  const ready = compiledNow.get(key);
  if (ready != null) return Promise.resolve(ready);
  let module = compiled.get(key);
  if (module == null) {
    const file = threaded ? FILES[build].threaded : FILES[build].single;
    module = loadWasmFile(file)
      .then((bytes) => WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>))
      .catch(explainForbiddenCompile);
    compiled.set(key, module);
    module.then(
      (done) => compiledNow.set(key, done),
      () => compiled.delete(key),
    );
  }
  return module;
}

/** compileBuild, synchronously: undefined where the bytes must be fetched (or a compile is still under way). */
function compileBuildNow(build: WasmBuild, threaded: boolean): WebAssembly.Module | undefined {
  const given = precompiled.get(build);
  if (given != null && !threaded) return given;
  const key = `${build}${threaded ? '+threads' : ''}`;
  let module = compiledNow.get(key);
  if (module == null && !compiled.has(key)) {
    const bytes = wasmFileBytesNow(threaded ? FILES[build].threaded : FILES[build].single);
    if (bytes == null) return undefined;
    module = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
    compiledNow.set(key, module);
  }
  return module;
}

/** Cloudflare Workers and similar hosts refuse WebAssembly.compile: say what to do instead. */
function explainForbiddenCompile(error: Error): never {
  if (/disallowed|code generation/i.test(error?.message ?? '')) {
    throw new Error(
      `Backend 'simd': this runtime forbids compiling WebAssembly at run time (${error.message}). ` +
        "Import 'tfjs-backend-simd/workers' (it imports the kernels as .wasm modules; wrangler picks it for " +
        "'tfjs-backend-simd' by itself, through the 'workerd' export condition), or hand over a precompiled module " +
        'with setWasmModule(module, build).',
    );
  }
  throw error;
}

/**
 * Exports that read and write no memory (sizes, counts and choices worked out from their arguments): they
 * run beside a launched kernel without settling it.
 */
export const MEMORYLESS_EXPORTS: ReadonlySet<string> = new Set<string>([
  'conv_2d_forward_packs_filter',
  'conv_2d_share_f32_scratch_bytes',
  'gemm_f32_scratch_bytes',
  'gemm_prepacked_f32_scratch_bytes',
  'gemm_gemv_f32_scratch_bytes',
  'gemm_gemv_pack_f32_bytes',
  'gemm_gemv_packed_f32_scratch_bytes',
  'gemm_tiles_f32_scratch_bytes',
  'gemm_tiles_private_f32_scratch_bytes',
]);

/**
 * Least work (values or multiply-adds) of a kernel launched while none is queued: posting one costs the
 * calling thread a few microseconds, a chain of tiny element-wise ops more than it saves.
 */
const LEAST_LAUNCHED_WORK = 1 << 14;

/**
 * Blocks freed while launched kernels may still run, at most: past that, the next kernel runs here, after
 * them, which frees the blocks (a loop that never reads a value back then still reuses its memory).
 */
const MAX_FREED_WHILE_LAUNCHED = 64;

/**
 * Runs an export on another thread and returns at once (ThreadPool.launch), or declines (false). A launched
 * kernel is settled (waited for) before anything else touches memory: see SimdWasm.launch.
 */
export interface Launcher {
  /** Starts `name(...args)` elsewhere and returns the function that waits for it, or null (run it here). */
  launch(name: ExportName, args: readonly number[]): (() => void) | null;
  /** Whether kernels are launched now: work too small to split over threads is then launched instead. */
  active(): boolean;
}

/** One instance of the kernels' module, with its own linear memory. */
export class SimdWasm {
  readonly memory: WebAssembly.Memory;
  /**
   * Every exported kernel, typed from assembly/ (exports.generated.ts). Each call first settles a launched
   * kernel, but for the allocator's (which no kernel uses: kernels never allocate) and memoryless exports;
   * a block freed meanwhile is freed once the launched kernel has run.
   */
  readonly kernels: WasmExports;
  /** The instance's exports as they are: for the settling itself. */
  private readonly direct: WasmExports;

  /** Where launch() sends kernels (a threaded build's pool, set by the backend); null: they run here. */
  launcher: Launcher | null = null;
  /** Waits for the kernels launched, while some may still run; null otherwise. */
  private unsettled: (() => void) | null = null;
  /** Blocks freed while a launched kernel may still read or write them. */
  private readonly freedWhileLaunched: number[] = [];

  /** What the runtime offers, detected when the instance was made. */
  readonly features: WasmFeatures = detectWasmFeatures();

  /** Red zones around every block (SIMD_GUARD_MEMORY), decided once: a memory is guarded for its whole life. */
  readonly guard: GuardedBlocks | null;

  /** The scratch block withScratch keeps between calls (outside guarded memory). */
  private readonly keptScratch = { ptr: 0, bytes: 0, inUse: false };

  /**
   * @param threads for a threaded build: its compiled module and shared memory, which worker threads
   *     instantiate again; null for the single-thread builds.
   */
  constructor(
    instance: WebAssembly.Instance,
    readonly build: WasmBuild,
    readonly threads: { module: WebAssembly.Module; memory: WebAssembly.Memory } | null = null,
  ) {
    const exports = instance.exports as Record<string, unknown>;
    this.memory = threads?.memory ?? (exports.memory as WebAssembly.Memory);
    this.direct = exports as unknown as WasmExports;
    this.kernels = threads == null ? this.direct : this.settlingExports(exports);
    this.guard = guardedMemoryWanted()
      ? new GuardedBlocks(this.memory, {
          alloc: (bytes, requested) => this.rawAlloc(bytes, requested),
          free: (ptr) => this.kernels.memory_free(ptr),
          fillBytes: (dst, value, bytes) => this.kernels.memory_fill_bytes(dst, value, bytes),
          firstByteNot: (start, end, value) => this.kernels.memory_first_byte_not(start, end, value),
        })
      : null;
  }

  /** The exports, each settling a launched kernel before it runs (see kernels). */
  private settlingExports(exports: Record<string, unknown>): WasmExports {
    const settling: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== 'function' || name === 'memory_alloc' || MEMORYLESS_EXPORTS.has(name)) {
        settling[name] = value;
      } else if (name === 'memory_free') {
        const free = value as (ptr: number) => void;
        settling[name] = (ptr: number) => {
          if (this.unsettled !== null) this.freedWhileLaunched.push(ptr);
          else free(ptr);
        };
      } else {
        const run = value as WasmKernel;
        const settlingRun = (...args: number[]) => {
          if (this.unsettled !== null) this.settle();
          return run(...args);
        };
        // The export's arity, as the module states it.
        settling[name] = Object.defineProperty(settlingRun, 'length', { value: run.length });
      }
    }
    return settling as unknown as WasmExports;
  }

  /**
   * Runs export `name` on `args` on another thread if the launcher takes it, and returns without waiting;
   * else runs it here. Its result is not returned: only for kernels whose callers need none. Launched kernels
   * run in order; until they are settled, any other export call, any view of memory, and readSync wait for
   * them first, and blocks freed meanwhile stay allocated: JavaScript then runs beside the kernels, never on
   * memory they use.
   */
  launch(name: ExportName, args: readonly number[], work = Number.POSITIVE_INFINITY): void {
    const settle =
      this.launches(work) && this.freedWhileLaunched.length < MAX_FREED_WHILE_LAUNCHED
        ? this.launcher!.launch(name, args)
        : null;
    if (settle !== null) {
      this.unsettled = settle;
      return;
    }
    this.settle();
    this.callLaunched(name, args);
  }

  /**
   * Whether a kernel of `work` units (values or multiply-adds) would be launched: where a launcher is set, if
   * it is large enough to repay posting it (a few microseconds), or if kernels are queued already (running
   * it here would wait for them).
   */
  launches(work: number): boolean {
    return (this.launcher?.active() ?? false) && (this.unsettled !== null || work >= LEAST_LAUNCHED_WORK);
  }

  /** Calls an export without settling launched kernels first: for running the launched kernels themselves, or one after them. */
  callLaunched(name: ExportName, args: readonly number[]): void {
    (this.direct[name] as WasmKernel)(...args);
  }

  /** Waits for the launched kernels to be done (rethrowing a failure), then frees what waited on them. */
  settle(): void {
    const settle = this.unsettled;
    if (settle === null) return;
    this.unsettled = null;
    try {
      settle();
    } finally {
      for (const ptr of this.freedWhileLaunched) this.direct.memory_free(ptr);
      this.freedWhileLaunched.length = 0;
    }
  }

  /**
   * Calls an export whose arguments are assembled at run time (a thread job's chunk, a kernel chosen from a
   * table); the name is still checked by tsc.
   */
  call(name: ExportName, args: readonly number[]): number | undefined {
    return (this.kernels[name] as WasmKernel)(...args);
  }

  /** Allocates `bytes` bytes of linear memory (0 bytes gives the null pointer, which is never read). */
  alloc(bytes: number): number {
    // The memory's size as last seen: it only grows, so a request within what it left passes without reading
    // memory.buffer (a call into the runtime, on every tensor); one beyond it looks again before refusing.
    if (!(bytes <= MAX_WASM_BYTES - this.memoryBytesSeen)) {
      this.memoryBytesSeen = this.memory.buffer.byteLength;
      if (!(bytes <= MAX_WASM_BYTES - this.memoryBytesSeen)) throw this.beyondMemory(bytes);
    }
    if (this.guard != null) return this.guard.alloc(bytes);
    return bytes === 0 ? 0 : this.rawAlloc(bytes, bytes);
  }

  private memoryBytesSeen = 0;

  /** Allocates `bytes` bytes for a request of `requested` (they differ by the red zones of guarded memory). */
  private rawAlloc(bytes: number, requested: number): number {
    try {
      return this.kernels.memory_alloc(bytes) >>> 0;
    } catch (e) {
      // The allocator refuses (its state untouched) a block over 1 GiB, or one the memory cannot grow to hold.
      throw new RangeError(`Backend 'simd': cannot allocate ${requested} bytes: ${(e as Error).message}`);
    }
  }

  private beyondMemory(bytes: number): RangeError {
    return new RangeError(
      `Backend 'simd': cannot allocate ${bytes} bytes: WebAssembly memory holds at most ${MAX_WASM_BYTES} ` +
        `bytes and ${this.memoryBytesSeen} are already reserved.`,
    );
  }

  /**
   * Runs `run` with a scratch block of at least `bytes` bytes for the kernel calls it makes (kernels never
   * allocate: their caller does, here). One block is kept and grown for the module's life, since allocating
   * per call cost a small product ~10% (3×64·64×64: 3.0 → 3.5 µs); in guarded memory, or when the kept block
   * is in use, each call gets an exact block of its own, red-zoned, freed afterwards even if a kernel throws.
   */
  withScratch<T>(bytes: number, run: (scratch: number) => T): T {
    const kept = this.keptScratch;
    if (this.guard != null || kept.inUse) {
      const scratch = this.alloc(bytes);
      try {
        return run(scratch);
      } finally {
        this.free(scratch);
      }
    }
    if (kept.bytes < bytes) {
      this.free(kept.ptr);
      kept.ptr = 0;
      kept.bytes = 0;
      kept.ptr = this.alloc(bytes);
      kept.bytes = bytes;
    }
    kept.inUse = true;
    try {
      return run(kept.ptr);
    } finally {
      kept.inUse = false;
    }
  }

  /**
   * Frees a block (in guarded memory, after checking its red zones, once the launched kernels that may write
   * near them have run).
   */
  free(ptr: number): void {
    if (ptr === 0) return;
    if (this.guard != null) {
      this.settle();
      this.guard.free(ptr);
    } else {
      this.kernels.memory_free(ptr);
    }
  }

  /**
   * A view of a block in the module's static data (a parameter block the host writes before a call), kept
   * between calls: made again only when growing the memory detached its buffer (an older buffer of a shared
   * memory still covers static data). Kernels' parameter blocks are written for every small op.
   */
  staticI32(ptr: number, length: number): Int32Array {
    if (this.unsettled !== null) this.settle();
    let view = this.staticViews.get(ptr);
    if (view === undefined || view.length === 0) {
      view = new Int32Array(this.memory.buffer, ptr, length);
      this.staticViews.set(ptr, view);
    }
    return view;
  }

  private readonly staticViews = new Map<number, Int32Array>();

  // Views are made fresh on every call: growing the memory detaches earlier views.
  // Each settles a launched kernel first: the caller reads or writes through it.
  f32(ptr: number, length: number): Float32Array {
    if (this.unsettled !== null) this.settle();
    return new Float32Array(this.memory.buffer, ptr, length);
  }
  i32(ptr: number, length: number): Int32Array {
    if (this.unsettled !== null) this.settle();
    return new Int32Array(this.memory.buffer, ptr, length);
  }
  u8(ptr: number, length: number): Uint8Array {
    if (this.unsettled !== null) this.settle();
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
function wantsThreadedBuild(): boolean {
  if (precompiled.size > 0 || !supportsThreads()) return false;
  return requestedThreadCount() > 1;
}

/** Instantiates a fresh module (fresh memory); compiling happens once per process. */
export async function instantiateSimdWasm(): Promise<SimdWasm> {
  const build = chooseBuild();
  const memory = wantsThreadedBuild() ? sharedMemory() : null;
  if (memory != null) {
    try {
      const module = await compileBuild(build, true);
      const instance = await WebAssembly.instantiate(module, threadedImports(memory));
      return new SimdWasm(instance, build, { module, memory });
    } catch {
      // Any refusal of the threaded variant leaves the single-thread build, which is always correct.
    }
  }
  const single = singleImports();
  const instance = await WebAssembly.instantiate(await compileBuild(build, false), single.imports);
  return single.bound(instance, build);
}

/**
 * instantiateSimdWasm without waiting, where the runtime allows it: a server runtime (node:fs) whose build is
 * on disk or embedded, compiled here synchronously (no size limit outside browsers' main threads). Then a
 * script that uses tensors before awaiting tf.ready() runs as it does on 'cpu'. Undefined elsewhere, or on
 * any failure: instantiateSimdWasm then does it, and reports what went wrong.
 */
export function instantiateSimdWasmNow(): SimdWasm | undefined {
  if (nodeBuiltin('node:fs') == null) return undefined;
  try {
    const build = chooseBuild();
    const memory = wantsThreadedBuild() ? sharedMemory() : null;
    if (memory != null) {
      const module = compileBuildNow(build, true);
      if (module != null) {
        try {
          return new SimdWasm(new WebAssembly.Instance(module, threadedImports(memory)), build, { module, memory });
        } catch {
          // As in instantiateSimdWasm: the single-thread build below.
        }
      }
    }
    const module = compileBuildNow(build, false);
    if (module == null) return undefined;
    const single = singleImports();
    return single.bound(new WebAssembly.Instance(module, single.imports), build);
  } catch {
    return undefined;
  }
}

/** The imports of a threaded build's instance, on the shared `memory`. */
function threadedImports(memory: WebAssembly.Memory): WebAssembly.Imports {
  return kernelImports(() => memory, memory);
}

/** The imports of a single-thread build's instance, which read the memory it exports once it is made. */
function singleImports(): {
  imports: WebAssembly.Imports;
  bound(instance: WebAssembly.Instance, build: WasmBuild): SimdWasm;
} {
  let exported: WebAssembly.Memory | undefined;
  return {
    imports: kernelImports(() => exported),
    bound(instance, build) {
      exported = instance.exports.memory as WebAssembly.Memory;
      return new SimdWasm(instance, build);
    },
  };
}
