// The 'simd' backend: tensor data lives in the WebAssembly linear memory of one kernels' module instance.
import {
  type BackendTimingInfo,
  type backend_util,
  type DataId,
  type DataType,
  engine,
  KernelBackend,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { ThreadPool } from '../threads/pool.js';
import type { SimdWasm, WasmBuild } from '../wasm/module.js';
import { currentThreadCount } from '../wasm/thread_count.js';
import { PackedOperands } from './packed_operands.js';
import { TensorStorage } from './tensor_storage.js';

export interface TensorData {
  /** Byte offset in linear memory; 0 for empty and string tensors. */
  ptr: number;
  shape: number[];
  dtype: DataType;
  refCount: number;
  /** Encoded strings of a 'string' tensor, which never enter linear memory. */
  strings?: Uint8Array[];
  /** A buffer owned by a compiled step's plan (bind): never freed by disposeData, whatever its refCount. */
  pinned?: true;
}

/**
 * Lets compile() watch or redirect the backend's allocations and reads while it records or replays a step.
 * `write` replaces the ordinary allocation of write() (it may call allocate()); `read` is told of every
 * read of values back to JavaScript (readSync, read) before it happens, and may throw to refuse it.
 */
export interface BackendHook {
  write(values: backend_util.BackendValues | null, shape: number[], dtype: DataType): DataId;
  read(dataId: DataId): void;
}

type NumericArray = Float32Array | Int32Array | Uint8Array;

/** Bytes one element takes in linear memory (complex64 is interleaved real, imaginary float32). */
export function bytesPerElement(dtype: DataType): number {
  return dtype === 'complex64' ? 8 : util.bytesPerElement(dtype);
}

export class SimdBackend extends KernelBackend {
  private readonly data: TensorStorage<TensorData>;
  private bytesInUse = 0;

  /** Set by compile() while it records or replays a step; null otherwise (kernels are launched only then). */
  get hook(): BackendHook | null {
    return this.currentHook;
  }
  set hook(hook: BackendHook | null) {
    this.wasm.settle();
    this.currentHook = hook;
  }
  private currentHook: BackendHook | null = null;

  /**
   * Tensors allocated since the outermost running kernel started (the first kernelAllocationCount entries;
   * later ones are stale): freed if it fails (see kernel_guard). Kept at its longest, not emptied after
   * every kernel: shortening an array is a call into the runtime.
   */
  private readonly kernelAllocations: DataId[] = [];
  private kernelAllocationCount = 0;
  private kernelDepth = 0;
  /** Why the backend can no longer run kernels (a trap left its allocator in doubt), or null. */
  private unusableReason: string | null = null;

  /** Worker threads for large products (threaded builds only; started on first use). */
  readonly threadPool: ThreadPool | null;

  /** Packed copies of tensors products read again unchanged (weights); see packedOperand. */
  private readonly packings: PackedOperands;

  constructor(readonly wasm: SimdWasm) {
    super();
    this.data = new TensorStorage(this, engine());
    this.threadPool = ThreadPool.of(wasm);
    this.packings = new PackedOperands(wasm);
    const pool = this.threadPool;
    // Kernels go on running on a worker while tfjs's JavaScript goes on here; not while compile() records or
    // replays (a replay runs no JavaScript between kernels).
    if (pool != null) {
      wasm.launcher = { launch: (name, args) => pool.launch(name, args), active: () => this.currentHook === null };
    }
  }

  /** The build running the kernels: 'relaxed-simd' (fused multiply-add) or 'simd'. */
  get build(): WasmBuild {
    return this.wasm.build;
  }

  /**
   * Threads kernels are split over now: setThreadCount's count (1 where the runtime has no shared memory), less
   * the workers sitting out for arriving late on a busy machine.
   */
  get threadCount(): number {
    return this.threadPool != null ? this.threadPool.threadsInUse(currentThreadCount()) : 1;
  }

  override write(values: backend_util.BackendValues | null, shape: number[], dtype: DataType): DataId {
    if (this.hook != null) return this.hook.write(values, shape, dtype);
    return this.allocate(values, shape, dtype);
  }

  /** write() without the hook: a new tensor in a new allocation. */
  allocate(values: backend_util.BackendValues | null, shape: number[], dtype: DataType): DataId {
    const dataId = {};
    this.move(dataId, values, shape, dtype, 1);
    if (this.kernelDepth > 0) this.kernelAllocations[this.kernelAllocationCount++] = dataId;
    return dataId;
  }

  override move(
    dataId: DataId,
    values: backend_util.BackendValues | null,
    shape: number[],
    dtype: DataType,
    refCount: number,
  ): void {
    if (dtype === 'string') {
      const strings = (values ?? []) as Uint8Array[];
      this.data.set(dataId, { ptr: 0, shape, dtype, refCount, strings });
      return;
    }
    this.assertUsable();
    assertStorableShape(shape, dtype);
    this.packings.forget(dataId);
    const bytes = util.sizeFromShape(shape) * bytesPerElement(dtype);
    const ptr = this.wasm.alloc(bytes);
    this.bytesInUse += bytes;
    this.data.set(dataId, { ptr, shape, dtype, refCount });
    this.wasm.guard?.label(ptr, `a ${dtype} tensor of shape [${shape}]`);
    if (values != null && bytes > 0) {
      storeValues(this.view(dataId), asDtypeArray(values as backend_util.TypedArray, dtype));
    }
  }

  /** Marks the start of a kernel; returns the mark that endKernel and failKernel take. */
  beginKernel(): number {
    this.assertUsable();
    this.kernelDepth++;
    return this.kernelAllocationCount;
  }

  /** The kernel finished: its allocations now belong to the engine (or were disposed by the kernel). */
  endKernel(): void {
    this.kernelDepth--;
    // A nested kernel's outputs stay listed: they are its caller's to free if the caller fails.
    if (this.kernelDepth === 0) this.kernelAllocationCount = 0;
  }

  /** The kernel failed: frees what it allocated that is still live, which nobody else can free. */
  failKernel(mark: number): void {
    for (let i = mark; i < this.kernelAllocationCount; i++) {
      const dataId = this.kernelAllocations[i];
      if (this.data.peek(dataId) !== undefined) this.disposeData(dataId, true);
    }
    this.kernelAllocationCount = mark;
    this.kernelDepth--;
  }

  /** From now on every kernel and allocation fails with `reason` (the allocator cannot be trusted). */
  markUnusable(reason: string): void {
    this.unusableReason = reason;
  }

  private assertUsable(): void {
    if (this.unusableReason != null) {
      throw new Error(
        `Backend 'simd' is unusable: ${this.unusableReason} ` +
          'Recreate it with tf.engine().reset() (tensors of the old backend are lost).',
      );
    }
  }

  /** Allocates an output tensor; the kernel fills it through its pointer. */
  makeOutput(shape: number[], dtype: DataType): TensorInfo {
    return { dataId: this.write(null, shape, dtype), shape, dtype };
  }

  makeTensorInfo(shape: number[], dtype: DataType, values?: backend_util.BackendValues | string[]): TensorInfo {
    const encoded =
      dtype === 'string' && values != null && typeof (values as unknown[])[0] === 'string'
        ? (values as string[]).map((s) => util.encodeString(s))
        : (values as backend_util.BackendValues | undefined);
    return { dataId: this.write(encoded ?? null, shape, dtype), shape, dtype };
  }

  /** Frees an intermediate tensor made inside a kernel. */
  disposeIntermediateTensorInfo(info: TensorInfo): void {
    this.disposeData(info.dataId);
  }

  get(dataId: DataId): TensorData {
    return this.data.get(dataId);
  }

  /**
   * A packed copy of `info`'s data (now at `ptr`) in `layout` (the caller's name for how it packs), `bytes`
   * long, made by `pack(dst)` the second time it is asked for and kept while the tensor's values stay; 0 when
   * there is none (first use, a compiled step's buffer, a tensor gone or now elsewhere than `ptr`, or the
   * budget spent): the caller packs as it goes.
   */
  packedOperand(info: TensorInfo, ptr: number, layout: string, bytes: number, pack: (dst: number) => void): number {
    const tensor = this.data.peek(info.dataId);
    if (tensor === undefined || tensor.pinned || tensor.ptr !== ptr) return 0;
    return this.packings.lookup(info.dataId, tensor.ptr, layout, bytes, pack);
  }

  /** `dataId`'s values were overwritten in place (a compiled step's variable update): its packings go. */
  overwritten(dataId: DataId): void {
    this.packings.forget(dataId);
  }

  /** Byte offset of a tensor's data in linear memory. */
  ptr(info: TensorInfo): number {
    return this.data.get(info.dataId).ptr;
  }

  /** A live view over a numeric tensor's data; valid until the next allocation. */
  view(dataId: DataId): NumericArray {
    const { ptr, shape, dtype } = this.data.get(dataId);
    const size = util.sizeFromShape(shape);
    switch (dtype) {
      case 'float32':
        return this.wasm.f32(ptr, size);
      case 'complex64':
        return this.wasm.f32(ptr, 2 * size);
      case 'int32':
        return this.wasm.i32(ptr, size);
      case 'bool':
        return this.wasm.u8(ptr, size);
      default:
        throw new Error(`Backend 'simd': no numeric view for dtype '${dtype}'.`);
    }
  }

  override async read(dataId: DataId): Promise<backend_util.BackendValues> {
    return this.readSync(dataId);
  }

  override readSync(dataId: DataId): backend_util.BackendValues {
    this.hook?.read(dataId);
    const { dtype, strings } = this.data.get(dataId);
    if (dtype === 'string') return strings as Uint8Array[];
    return this.view(dataId).slice();
  }

  override disposeData(dataId: DataId, force = false): boolean {
    const tensor = this.data.peek(dataId);
    if (tensor === undefined) return true;
    if (tensor.pinned) return false;
    tensor.refCount--;
    if (!force && tensor.refCount > 0) return false;
    // An allocator in doubt is left alone: the block is abandoned, not freed.
    if (this.unusableReason == null) {
      this.wasm.free(tensor.ptr);
      this.packings.forget(dataId);
    }
    if (tensor.dtype !== 'string') {
      this.bytesInUse -= util.sizeFromShape(tensor.shape) * bytesPerElement(tensor.dtype);
    }
    this.data.delete(dataId);
    return true;
  }

  /** Reserves `bytes` of linear memory outside any tensor (a compiled step's buffers); counted in memory(). */
  reserve(bytes: number): number {
    this.assertUsable();
    const ptr = this.wasm.alloc(bytes);
    this.wasm.guard?.label(ptr, `a compiled step's buffer of ${bytes} bytes`);
    this.bytesInUse += bytes;
    return ptr;
  }

  /** Gives back memory from reserve(). */
  release(ptr: number, bytes: number): void {
    this.wasm.free(ptr);
    this.bytesInUse -= bytes;
  }

  /** Makes `dataId` a tensor over reserved memory at `ptr`: pinned, so kernels' disposals leave it alone. */
  bind(dataId: DataId, ptr: number, shape: number[], dtype: DataType): void {
    this.data.set(dataId, { ptr, shape, dtype, refCount: 1, pinned: true });
  }

  /** Forgets a bound tensor (its memory stays with whoever reserved it). */
  unbind(dataId: DataId): void {
    this.data.delete(dataId);
  }

  /**
   * Exchanges the buffers of two numeric tensors of one byte size (a compiled step hands a variable its new
   * values this way instead of copying them). Returns the buffer `a` holds now (`b`'s before).
   */
  swapBuffers(a: DataId, b: DataId): number {
    const [x, y] = [this.data.get(a), this.data.get(b)];
    [x.ptr, y.ptr] = [y.ptr, x.ptr];
    this.packings.forget(a);
    this.packings.forget(b);
    return x.ptr;
  }

  /** Whether this backend holds `dataId` (never moves data). */
  holds(dataId: DataId): boolean {
    return this.data.has(dataId);
  }

  override refCount(dataId: DataId): number {
    return this.data.peek(dataId)?.refCount ?? 0;
  }

  override incRef(dataId: DataId): void {
    // get() first moves data still held by another backend, as the engine expects of a kernel's inputs.
    this.data.get(dataId).refCount++;
  }

  override numDataIds(): number {
    return this.data.numDataIds();
  }

  override timerAvailable(): boolean {
    return true;
  }

  override async time(f: () => void): Promise<BackendTimingInfo> {
    const start = util.now();
    f();
    this.wasm.settle();
    return { kernelMs: util.now() - start };
  }

  override memory(): {
    unreliable: boolean;
    numBytesInWasm: number;
    numBytesPacked: number;
    wasmMemoryBytes: number;
  } {
    return {
      unreliable: false,
      numBytesInWasm: this.bytesInUse,
      numBytesPacked: this.packings.bytes,
      wasmMemoryBytes: this.wasm.memory.buffer.byteLength,
    };
  }

  override floatPrecision(): 32 {
    return 32;
  }

  override dispose(): void {
    // The module instance and its memory go with this object; only the worker threads need stopping.
    this.wasm.settle();
    this.threadPool?.dispose();
  }
}

/**
 * A kernel given arguments tfjs-core did not check (negative reps, a crop past the axis) can compute a shape
 * with a negative or fractional dimension: refuse it before its byte count reaches the allocator.
 */
function assertStorableShape(shape: number[], dtype: DataType): void {
  for (let k = 0; k < shape.length; k++) {
    const d = shape[k];
    if (!(Number.isInteger(d) && d >= 0)) {
      throw new Error(
        `Backend 'simd': cannot make a ${dtype} tensor of shape [${shape}]: ` +
          `dimension ${k} is ${d}, not a non-negative integer.`,
      );
    }
  }
}

/**
 * Stores `values` in a tensor's block: never past its end. tfjs-core hands over as many values as its
 * caller gave (a ragged literal gives more than the shape holds, outside debug mode): the first ones are
 * kept, as tfjs-backend-wasm does. Slots without a value (too few values: `tf.tensor([someTensor])` has
 * none) hold what tfjs-backend-cpu's kernels compute from a value that is not there: NaN in a float
 * tensor, 0 in an int32 or bool one (where cpu stores NaN as 0).
 */
function storeValues(block: NumericArray, values: NumericArray): void {
  if (values.length === block.length) {
    block.set(values);
  } else if (values.length > block.length) {
    block.set(values.subarray(0, block.length));
  } else {
    block.set(values);
    block.fill(block instanceof Float32Array ? Number.NaN : 0, values.length);
  }
}

/** The typed array a dtype is stored as; converts when the engine hands another kind. */
function asDtypeArray(values: backend_util.TypedArray, dtype: DataType): NumericArray {
  switch (dtype) {
    case 'float32':
    case 'complex64':
      return values instanceof Float32Array ? values : new Float32Array(values);
    case 'int32':
      return values instanceof Int32Array ? values : new Int32Array(values);
    case 'bool':
      return values instanceof Uint8Array ? values : Uint8Array.from(values, (v) => (v ? 1 : 0));
    default:
      throw new Error(`Backend 'simd': cannot store dtype '${dtype}'.`);
  }
}
