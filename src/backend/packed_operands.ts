// Packed copies of tensors that kernels read again and again unchanged: a model's weights, multiplied by
// every batch of inputs, or a recurrent kernel, multiplied at every time step. A product packs its B operand
// into panels before it multiplies (assembly/gemm/); with few rows of A (batch-1 inference) that packing costs
// as much as the product itself. So the second time a tensor is met in the same role, its packing is kept,
// keyed by the tensor and the layout asked for, and later products use it as it is.
//
// A packing stays valid while its tensor's values do: tensors are immutable, except where the backend
// overwrites one in place (a compiled step's buffers, and the variables it updates), which the backend reports
// here (forget); disposing a tensor frees its packings too. A packing also remembers where its tensor's data
// was, so a tensor moved to other memory is never read through an old packing.
import type { DataId } from '@tensorflow/tfjs-core';

/** Bytes of packings kept at most: beyond, products pack as they go. */
export const PACKED_OPERAND_BUDGET = 64 << 20;

interface Packing {
  /** The layout asked for (the caller's key: strides, sizes). */
  layout: string;
  /** Where the tensor's data was when met or packed. */
  source: number;
  /** The packed copy in linear memory; 0 while the tensor was met once only. */
  ptr: number;
  bytes: number;
}

export interface PackedOperandMemory {
  alloc(bytes: number): number;
  free(ptr: number): void;
}

export class PackedOperands {
  private readonly packings = new Map<DataId, Packing[]>();
  private bytesKept = 0;

  constructor(private readonly memory: PackedOperandMemory) {}

  /**
   * The packed copy of the tensor `dataId` (its data at `source`) in `layout`, `bytes` long: kept from an earlier
   * call, or made now by `pack(dst)` when this is the second call in that layout. 0 when there is none (the
   * first call, or the budget is spent): the caller packs as usual.
   */
  lookup(dataId: DataId, source: number, layout: string, bytes: number, pack: (dst: number) => void): number {
    let list = this.packings.get(dataId);
    const found = list?.find((p) => p.layout === layout);
    if (found !== undefined && found.source === source) {
      if (found.ptr !== 0 || this.bytesKept + bytes > PACKED_OPERAND_BUDGET) return found.ptr;
      const ptr = this.memory.alloc(bytes);
      pack(ptr);
      found.ptr = ptr;
      found.bytes = bytes;
      this.bytesKept += bytes;
      return ptr;
    }
    if (found !== undefined) this.forget(dataId);
    list = this.packings.get(dataId);
    if (list === undefined) this.packings.set(dataId, (list = []));
    list.push({ layout, source, ptr: 0, bytes: 0 });
    return 0;
  }

  /** Drops every packing of `dataId` (its values changed, or it was disposed). */
  forget(dataId: DataId): void {
    const list = this.packings.get(dataId);
    if (list === undefined) return;
    for (const packing of list) this.release(packing);
    this.packings.delete(dataId);
  }

  /** Drops every packing. */
  clear(): void {
    for (const list of this.packings.values()) for (const packing of list) this.release(packing);
    this.packings.clear();
  }

  /** Bytes of linear memory the packings hold. */
  get bytes(): number {
    return this.bytesKept;
  }

  private release(packing: Packing): void {
    if (packing.ptr === 0) return;
    this.memory.free(packing.ptr);
    this.bytesKept -= packing.bytes;
    packing.ptr = 0;
  }
}
