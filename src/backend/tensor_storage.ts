// The backend's tensors by data id. tfjs's DataStorage does a `has` then a `get` on every lookup; this keeps
// its contract (get() first moves data another backend holds, as the engine expects of a kernel's inputs)
// with one map lookup when the data is here, which is every lookup of every kernel's inputs and outputs.
import type { DataId, DataMover, KernelBackend } from '@tensorflow/tfjs-core';

export class TensorStorage<T extends object> {
  private readonly entries = new WeakMap<DataId, T>();
  private count = 0;

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
    this.count++;
    this.entries.set(dataId, entry);
  }

  delete(dataId: DataId): boolean {
    this.count--;
    return this.entries.delete(dataId);
  }

  numDataIds(): number {
    return this.count;
  }
}
