// Turns a trace into a plan: which buffer of linear memory holds each value, and the kernel calls ready to
// run again. Buffers are reserved once. A value produced in the step gets a buffer of its size that no value
// alive at the same time uses (reused, by size, once its last reader has run); values written from JavaScript
// (constants) keep their own buffer, filled once. Values the step returns are allocated afresh on every run,
// since the caller owns them. Inputs, variables and tensors from outside keep their own data ids, looked up
// when a replay starts.
import {
  type DataId,
  type DataType,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
  util,
  type Variable,
} from '@tensorflow/tfjs-core';
import { bytesPerElement, type SimdBackend } from '../backend/backend_simd.js';
import type { PreparableKernelFunc } from '../backend/prepared_kernel.js';
import type { KernelCall, Trace, Use } from './trace.js';
import type { Tree } from './tree.js';
import { forEachUse, mapUses } from './uses.js';

/** Where allocation k of a kernel call lands: a planned buffer (dataId), or a fresh one for a returned value (null). */
export interface Slot {
  value: number;
  size: number;
  dtype: DataType;
  dataId: DataId | null;
}

export interface PlannedCall {
  index: number;
  kernelName: string;
  kernelFunc: KernelFunc;
  /** The arguments the kernel gets on every replay; the data ids of its inputs follow their values. */
  args: { inputs: Tree<TensorInfo>; attrs: NamedAttrMap; backend: SimdBackend };
  slots: Slot[];
  borrowed: number[];
  /** The call worked out at planning (see backend/prepared_kernel.ts), or null: it runs its kernel function. */
  prepared: PreparedCall | null;
}

/** A prepared kernel call: `run` with the byte offsets of `reads` (which follow their values) and of the slots. */
export interface PreparedCall {
  reads: TensorInfo[];
  shapes: number[][];
  run(pointers: number[]): void;
  /** Reused by every replay for the offsets. */
  pointers: number[];
}

export interface Plan {
  backend: SimdBackend;
  calls: PlannedCall[];
  /** Per value, its data id: fixed for planned and outside values, set by each replay for the others. */
  dataIds: (DataId | null)[];
  /** Per value whose data id each replay sets, the tensor infos handed to kernels that must follow it. */
  followers: Map<number, TensorInfo[]>;
  inputs: { value: number; index: number }[];
  /** Argument index of each value that is an argument. */
  inputIndex: Map<number, number>;
  variables: { value: number; variable: Variable; shape: number[]; dtype: DataType }[];
  externals: { value: number; dataId: DataId; reader: string }[];
  result: Tree<Use>;
  /** Values allocated afresh on each replay (the step returns them). */
  fresh: Set<number>;
  /** Values whose buffer (their own) a replay exchanges with the variable it assigns them to. */
  swapped: Set<number>;
  assignments: { variable: Variable; value: number }[];
  /** Reserved memory, given back by dispose. */
  buffers: { ptr: number; bytes: number }[];
  bound: DataId[];
  bytes: number;
  /**
   * Exchanges the buffer of a variable (`variableDataId`) with a planned one (`planned`, bound to a buffer of its
   * own): the plan owns the variable's old buffer from then on, and gives it back on dispose.
   */
  trade(variableDataId: DataId, planned: DataId): void;
}

function byteSize(shape: number[], dtype: DataType): number {
  return util.sizeFromShape(shape) * bytesPerElement(dtype);
}

/** Index of the last kernel call reading each value (its birth when none does; Infinity when it outlives the step). */
function lastUses(trace: Trace): number[] {
  const last = trace.values.map((v) => v.born);
  trace.calls.forEach((call, c) =>
    forEachUse(call.inputs, (u) => {
      last[u.value] = Math.max(last[u.value], c);
    }),
  );
  forEachUse(trace.result, (u) => {
    last[u.value] = Infinity;
  });
  for (const { value } of trace.assignments) last[value] = Infinity;
  return last;
}

/**
 * Values a kernel of the step makes and the step leaves in a variable (not returned): each gets a buffer of its
 * own, which a replay swaps with the variable's instead of copying the new values over (see replayer).
 */
function handedToVariables(trace: Trace, fresh: Set<number>): Set<number> {
  const handed = new Set<number>();
  for (const { value } of trace.assignments) {
    if (trace.values[value].source.kind === 'kernel' && !fresh.has(value)) handed.add(value);
  }
  return handed;
}

/** Values the step returns that a kernel of the step allocated: fresh on every replay. */
function returnedAllocations(trace: Trace): Set<number> {
  const fresh = new Set<number>();
  forEachUse(trace.result, (u) => {
    if (trace.values[u.value].source.kind === 'kernel') fresh.add(u.value);
  });
  return fresh;
}

class BufferPool {
  readonly buffers: { ptr: number; bytes: number }[] = [];
  private readonly free = new Map<number, number[]>();

  constructor(private readonly backend: SimdBackend) {}

  take(bytes: number): number {
    if (bytes === 0) return 0;
    const ptr = this.free.get(bytes)?.pop();
    if (ptr != null) return ptr;
    return this.reserve(bytes);
  }

  /** A buffer no other value will share. */
  reserve(bytes: number): number {
    if (bytes === 0) return 0;
    const ptr = this.backend.reserve(bytes);
    this.buffers.push({ ptr, bytes });
    return ptr;
  }

  give(ptr: number, bytes: number): void {
    if (bytes === 0) return;
    let list = this.free.get(bytes);
    if (list == null) this.free.set(bytes, (list = []));
    list.push(ptr);
  }

  /** Gives back all reserved memory (on failure or dispose). */
  release(): void {
    for (const { ptr, bytes } of this.buffers) this.backend.release(ptr, bytes);
    this.buffers.length = 0;
  }
}

/** Kernels that only hand on their input's buffer under another shape (when they allocate nothing). */
const SHAPE_ONLY_KERNELS = new Set(['Identity', 'Reshape', 'ExpandDims', 'Squeeze']);

/** A call a replay can skip: it allocates and computes nothing, and the plan already knows where its outputs are. */
function onlyRenames(call: Trace['calls'][number]): boolean {
  return (
    SHAPE_ONLY_KERNELS.has(call.kernelName) &&
    call.allocations.length === 0 &&
    call.borrowed.length === call.outputs.length
  );
}

/**
 * Calls whose results nothing reads (no later live call, not the step's result, no variable): a replay skips them.
 * A call reading a buffer written from JavaScript without values is kept, since kernels fill such buffers in place.
 */
function deadCalls(trace: Trace): Set<number> {
  const live = new Set<number>();
  forEachUse(trace.result, (u) => live.add(u.value));
  for (const { value } of trace.assignments) live.add(value);
  const dead = new Set<number>();
  for (let c = trace.calls.length - 1; c >= 0; c--) {
    const call = trace.calls[c];
    let writesInPlace = false;
    forEachUse(call.inputs, (u) => {
      if (trace.values[u.value].source.kind === 'scratch') writesInPlace = true;
    });
    const needed =
      writesInPlace || call.allocations.some((v) => live.has(v)) || call.outputs.some((u) => live.has(u.value));
    if (!needed) {
      dead.add(c);
      continue;
    }
    forEachUse(call.inputs, (u) => live.add(u.value));
  }
  return dead;
}

/**
 * The call prepared by its kernel, when the kernel offers it and its outputs are exactly the buffers the call
 * allocated, in order, of the recorded sizes and dtypes; null otherwise.
 */
function prepareCall(call: KernelCall, args: PlannedCall['args'], slots: Slot[]): PreparedCall | null {
  const { prepare } = call.kernelFunc as PreparableKernelFunc;
  if (prepare == null || call.borrowed.length > 0 || call.outputs.length !== slots.length) return null;
  if (call.outputs.some((u, i) => u.value !== slots[i].value)) return null;
  const prepared = prepare(args as never);
  if (prepared == null || prepared.outputs.length !== slots.length) return null;
  const fits = prepared.outputs.every(
    ({ shape, dtype }, i) => dtype === slots[i].dtype && util.sizeFromShape(shape) === slots[i].size,
  );
  if (!fits) return null;
  return {
    reads: prepared.reads,
    shapes: prepared.outputs.map((o) => o.shape),
    run: prepared.run,
    pointers: new Array<number>(prepared.reads.length + slots.length).fill(0),
  };
}

export function plan(trace: Trace, backend: SimdBackend): Plan {
  const { values, calls } = trace;
  const last = lastUses(trace);
  const fresh = returnedAllocations(trace);
  const swapped = handedToVariables(trace, fresh);
  const dataIds: (DataId | null)[] = values.map(() => null);
  const pool = new BufferPool(backend);
  const bound: DataId[] = [];
  const ptrOf = new Map<number, number>();

  // Values appear in the order the step made them: walk calls in order, handing out and taking back buffers.
  const bornAt: number[][] = calls.map(() => []);
  const atEnd: number[] = [];
  const diesAt: number[][] = calls.map(() => []);
  for (const v of values) {
    const kind = v.source.kind;
    if (kind === 'constant' || kind === 'scratch') (v.born < calls.length ? bornAt[v.born] : atEnd).push(v.id);
    if ((kind === 'kernel' || kind === 'scratch') && !fresh.has(v.id) && Number.isFinite(last[v.id]))
      diesAt[last[v.id]].push(v.id);
  }
  const bind = (id: number, ptr: number) => {
    const v = values[id];
    const dataId = {};
    backend.bind(dataId, ptr, v.shape, v.dtype);
    bound.push(dataId);
    dataIds[id] = dataId;
    ptrOf.set(id, ptr);
  };
  const place = (id: number) => {
    const v = values[id];
    const bytes = byteSize(v.shape, v.dtype);
    if (v.source.kind === 'constant') {
      bind(id, pool.reserve(bytes));
      if (bytes > 0) backend.wasm.u8(ptrOf.get(id)!, bytes).set(v.source.bytes);
    } else if (swapped.has(id)) {
      bind(id, pool.reserve(bytes));
    } else if (!fresh.has(id)) {
      bind(id, pool.take(bytes));
    }
  };
  try {
    calls.forEach((call, c) => {
      bornAt[c].forEach(place);
      call.allocations.forEach(place);
      for (const id of diesAt[c]) pool.give(ptrOf.get(id)!, byteSize(values[id].shape, values[id].dtype));
    });
    atEnd.forEach(place);
  } catch (e) {
    bound.forEach((id) => backend.unbind(id));
    pool.release();
    throw e;
  }

  const inputs: Plan['inputs'] = [];
  const variables: Plan['variables'] = [];
  const externals: Plan['externals'] = [];
  const readerOf = new Map<number, string>();
  calls.forEach((call) =>
    forEachUse(call.inputs, (u) => {
      if (!readerOf.has(u.value)) readerOf.set(u.value, call.kernelName);
    }),
  );
  for (const v of values) {
    const { source } = v;
    if (source.kind === 'input') inputs.push({ value: v.id, index: source.index });
    if (source.kind === 'variable')
      variables.push({ value: v.id, variable: source.variable, shape: v.shape, dtype: v.dtype });
    if (source.kind === 'external') {
      dataIds[v.id] = v.dataId;
      externals.push({ value: v.id, dataId: v.dataId, reader: readerOf.get(v.id) ?? 'none' });
    }
  }

  const followers = new Map<number, TensorInfo[]>();
  const infoFor = (u: Use): TensorInfo => {
    const info = { dataId: dataIds[u.value] as DataId, shape: u.shape, dtype: u.dtype };
    if (dataIds[u.value] == null) {
      let list = followers.get(u.value);
      if (list == null) followers.set(u.value, (list = []));
      list.push(info);
    }
    return info;
  };
  const dead = deadCalls(trace);
  const plannedCalls: PlannedCall[] = calls
    .map((call, index) => ({ call, index }))
    .filter(({ call, index }) => !onlyRenames(call) && !dead.has(index))
    .map(({ call, index }) => {
      const args = { inputs: mapUses(call.inputs, infoFor), attrs: call.attrs, backend };
      const slots = call.allocations.map((id) => ({
        value: id,
        size: util.sizeFromShape(values[id].shape),
        dtype: values[id].dtype,
        dataId: dataIds[id],
      }));
      return {
        index,
        kernelName: call.kernelName,
        kernelFunc: call.kernelFunc,
        args,
        slots,
        borrowed: call.borrowed,
        prepared: prepareCall(call, args, slots),
      };
    });
  const buffers = pool.buffers;
  const bufferIndex = new Map(buffers.map((b, i) => [b.ptr, i]));
  const trade = (variableDataId: DataId, planned: DataId): void => {
    const plannedPtr = backend.get(planned).ptr;
    const i = bufferIndex.get(plannedPtr)!;
    const oldPtr = backend.swapBuffers(planned, variableDataId);
    bufferIndex.delete(plannedPtr);
    bufferIndex.set(oldPtr, i);
    buffers[i] = { ptr: oldPtr, bytes: buffers[i].bytes };
  };
  return {
    trade,
    backend,
    calls: plannedCalls,
    dataIds,
    followers,
    inputs,
    inputIndex: new Map(inputs.map((i) => [i.value, i.index])),
    variables,
    externals,
    result: trace.result,
    fresh,
    swapped,
    assignments: trace.assignments,
    buffers,
    bound,
    bytes: pool.buffers.reduce((sum, b) => sum + b.bytes, 0),
  };
}

/** Gives back a plan's memory and forgets its data ids. */
export function disposePlan(p: Plan): void {
  for (const dataId of p.bound) p.backend.unbind(dataId);
  for (const { ptr, bytes } of p.buffers) p.backend.release(ptr, bytes);
  p.bound.length = 0;
  p.buffers.length = 0;
}
