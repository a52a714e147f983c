// Runs a plan: the recorded kernel functions, in order, on the planned buffers. No tensors, no tape, no
// engine: each kernel gets its prepared arguments, and the backend's hook hands it, for each allocation, the
// buffer planned for it. Only the step's results become tensors. Variables are written in place at the end
// (or reassigned, when another tensor shares their buffer), so a failed replay leaves them untouched.
import {
  type backend_util,
  type DataId,
  type DataType,
  engine,
  type Tensor,
  type TensorInfo,
  util,
  type Variable,
} from '@tensorflow/tfjs-core';
import { bytesPerElement, type SimdBackend } from '../backend/backend_simd.js';
import { CompileError } from './errors.js';
import type { Plan, PlannedCall, PreparedCall } from './planner.js';
import type { Use } from './trace.js';
import type { Tree } from './tree.js';
import { mapUses } from './uses.js';

/** The backend hook of a replay: allocation k of the running call gets slot k of its plan. */
class PlannedAllocations {
  call: PlannedCall | null = null;
  private cursor = 0;
  /** Fresh allocations made so far (freed if the replay fails). */
  readonly made: DataId[] = [];

  constructor(private readonly replay: Replay) {}

  begin(call: PlannedCall): void {
    this.call = call;
    this.cursor = 0;
  }

  end(): void {
    const call = this.call!;
    if (this.cursor !== call.slots.length) throw this.mismatch(`${this.cursor} allocations`, `${call.slots.length}`);
    this.call = null;
  }

  write(values: backend_util.BackendValues | null, shape: number[], dtype: DataType): DataId {
    const call = this.call;
    const { backend } = this.replay.plan;
    if (call == null) return backend.allocate(values, shape, dtype);
    const slot = call.slots[this.cursor++];
    if (slot == null || slot.dtype !== dtype || util.sizeFromShape(shape) !== slot.size) {
      throw this.mismatch(
        `${dtype} [${shape}]`,
        slot == null ? 'nothing more' : `${slot.dtype} of ${slot.size} elements`,
      );
    }
    if (slot.dataId == null) {
      const dataId = backend.allocate(values, shape, dtype);
      this.made.push(dataId);
      this.replay.set(slot.value, dataId);
      return dataId;
    }
    if (values != null && slot.size > 0) backend.view(slot.dataId).set(values as ArrayLike<number>);
    return slot.dataId;
  }

  read(): void {
    // Kernels may read their own inputs; nothing else runs during a replay.
  }

  private mismatch(got: string, expected: string): CompileError {
    const call = this.call!;
    return new CompileError(
      `on replay, kernel '${call.kernelName}' (call ${call.index}) allocated ${got} where the recording had ${expected}: ` +
        'its output shape depends on the data, which a compiled step cannot follow; keep this code eager.',
    );
  }
}

class Replay {
  readonly dataIds: (DataId | null)[];

  constructor(readonly plan: Plan) {
    this.dataIds = plan.dataIds;
  }

  /** Points a value (and every kernel argument reading it) at a data id. */
  set(value: number, dataId: DataId): void {
    this.dataIds[value] = dataId;
    const followers = this.plan.followers.get(value);
    if (followers != null) for (const info of followers) info.dataId = dataId;
  }

  bindOutsideValues(inputs: TensorInfo[]): void {
    const { plan } = this;
    for (const { value, index } of plan.inputs) this.set(value, inputs[index].dataId);
    for (const { value, variable, shape, dtype } of plan.variables) {
      if (variable.isDisposed) throw new CompileError(`variable '${variable.name}' read by the step was disposed.`);
      if (variable.dtype !== dtype || !util.arraysEqual(variable.shape, shape)) {
        throw new CompileError(`variable '${variable.name}' changed shape since the step was recorded.`);
      }
      this.set(value, variable.dataId);
    }
    for (const { dataId, reader } of plan.externals) {
      if (!plan.backend.holds(dataId)) {
        throw new CompileError(
          `a tensor made outside the step and read by kernel '${reader}' was disposed; pass such tensors in as arguments.`,
        );
      }
    }
  }

  runCalls(hook: PlannedAllocations): void {
    const { backend } = this.plan;
    for (const call of this.plan.calls) {
      if (call.prepared != null) {
        this.runPrepared(call, call.prepared, hook);
        continue;
      }
      hook.begin(call);
      const out = call.kernelFunc(call.args as never);
      hook.end();
      if (call.borrowed.length > 0) {
        // The kernel took a reference to a buffer it did not allocate (a reshape); the engine would have
        // dropped it with the tensor, and no tensor is made.
        const outs = Array.isArray(out) ? out : [out];
        for (const i of call.borrowed) backend.disposeData(outs[i].dataId);
      }
    }
  }

  /** A prepared call: its kernel's WASM on the buffers where its values are now; returned values get new ones. */
  private runPrepared(call: PlannedCall, prepared: PreparedCall, hook: PlannedAllocations): void {
    const { backend } = this.plan;
    const { reads, pointers } = prepared;
    const n = reads.length;
    for (let i = 0; i < n; i++) pointers[i] = backend.get(reads[i].dataId).ptr;
    for (let k = 0; k < call.slots.length; k++) {
      const slot = call.slots[k];
      let dataId = slot.dataId;
      if (dataId == null) {
        dataId = backend.allocate(null, prepared.shapes[k], slot.dtype);
        hook.made.push(dataId);
        this.set(slot.value, dataId);
      }
      pointers[n + k] = backend.get(dataId).ptr;
    }
    prepared.run(pointers);
  }

  /**
   * The step's result as new tensors: fresh buffers as they are, an argument returned as is (as eagerly: the
   * same tensor), anything else copied.
   */
  results(inputs: TensorInfo[]): Tree<Tensor> {
    const { backend } = this.plan;
    const handedOut = new Set<DataId>();
    return mapUses(this.plan.result, (use: Use) => {
      const input = this.plan.inputIndex.get(use.value);
      if (input != null && util.arraysEqual(inputs[input].shape, use.shape)) return inputs[input] as Tensor;
      const dataId = this.dataIds[use.value]!;
      const isFresh = this.plan.fresh.has(use.value);
      let own: DataId;
      if (isFresh && !handedOut.has(dataId)) {
        own = dataId;
        handedOut.add(dataId);
      } else if (isFresh) {
        backend.incRef(dataId);
        own = dataId;
      } else {
        own = backend.allocate(null, use.shape, use.dtype);
        copyBytes(backend, dataId, own, byteSize(use.shape, use.dtype));
      }
      return engine().makeTensorFromDataId(own, use.shape, use.dtype, backend);
    });
  }

  /**
   * Hands each assigned variable its new value. A value made for it alone trades buffers with it (the variable
   * takes the new values' buffer, the plan keeps the old one for the next replay to write); others are copied in.
   * Where another tensor shares the variable's buffer, the variable is reassigned to a new one instead.
   */
  assignVariables(): void {
    const { backend, swapped } = this.plan;
    const trades: { variable: Variable; value: number }[] = [];
    for (const assignment of this.plan.assignments) {
      const { variable, value } = assignment;
      const from = this.dataIds[value]!;
      const to = variable.dataId;
      if (from === to) continue;
      if (backend.refCount(to) !== 1) {
        const own = backend.allocate(null, variable.shape, variable.dtype);
        copyBytes(backend, from, own, byteSize(variable.shape, variable.dtype));
        const fresh = engine().makeTensorFromDataId(own, variable.shape, variable.dtype, backend);
        variable.assign(fresh);
        fresh.dispose();
      } else if (swapped.has(value)) {
        trades.push(assignment);
      } else {
        copyBytes(backend, from, to, byteSize(variable.shape, variable.dtype));
      }
    }
    // After the copies: a value both copied and traded is copied before its buffer changes hands.
    for (const { variable, value } of trades) this.plan.trade(variable.dataId, this.dataIds[value]!);
  }
}

function byteSize(shape: number[], dtype: DataType): number {
  return util.sizeFromShape(shape) * bytesPerElement(dtype);
}

function copyBytes(backend: SimdBackend, from: DataId, to: DataId, bytes: number): void {
  if (bytes === 0) return;
  const src = backend.get(from).ptr;
  const dst = backend.get(to).ptr;
  backend.wasm.settle();
  new Uint8Array(backend.wasm.memory.buffer).copyWithin(dst, src, src + bytes);
  backend.overwritten(to);
}

/** Replays a plan on new inputs (same shapes and dtypes as recorded); returns the step's result as tensors. */
export function replay(plan: Plan, inputs: TensorInfo[]): Tree<Tensor> {
  const run = new Replay(plan);
  run.bindOutsideValues(inputs);
  const hook = new PlannedAllocations(run);
  const { backend } = plan;
  backend.hook = hook;
  try {
    run.runCalls(hook);
  } catch (e) {
    backend.hook = null;
    for (const dataId of hook.made) backend.disposeData(dataId, true);
    throw e;
  }
  backend.hook = null;
  const result = run.results(inputs);
  run.assignVariables();
  return result;
}
