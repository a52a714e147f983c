// The backend's tensors by data id. tfjs's DataStorage keeps them in a WeakMap and does a `has` then a `get`
// on every lookup; this keeps its contract (get() first moves data another backend holds, as the engine
// expects of a kernel's inputs) with one lookup in a Map. Every tensor of every kernel is added and removed
// once: V8 takes ~40 ns for that in a Map and 300 ns or more in a WeakMap, whose ephemeron entries also cost
// the garbage collector. The engine removes every data id it drops (disposeData), so nothing stays in the Map
// that a WeakMap would have let go.
import type { DataId, DataMover, KernelBackend } from '@tensorflow/tfjs-core';

export class TensorStorage<T extends object> {
  private readonly entries = new Map<DataId, T>();

  constructor(
    private readonly backend: KernelBackend,
    private readonly mover: DataMover,
  ) {}

  /** The entry of `dataId`, moved here first if another backend holds it. */
  get(dataId: DataId): T {
    const entry = this.entries.get(dataId);
    if (entry !== undefined) return entry;
    this.mover.moveData(this.backend, dataId);
    return this.entries.get(dataId) as T;
  }

  /** The entry of `dataId` if this backend holds it (never moves data). */
  peek(dataId: DataId): T | undefined {
    return this.entries.get(dataId);
  }

  has(dataId: DataId): boolean {
    return this.entries.has(dataId);
  }

  set(dataId: DataId, entry: T): void {
    this.entries.set(dataId, entry);
  }

  delete(dataId: DataId): boolean {
    return this.entries.delete(dataId);
  }

  numDataIds(): number {
    return this.entries.size;
  }
}
