// Runs a step eagerly on 'simd' and records it: every kernel registered for the backend is wrapped for the run (top-level
// calls only; a kernel calling kernels is one call), and the backend's hook sees each allocation and each read.
// Allocations inside a kernel belong to that call; allocations outside any kernel were made by JavaScript in the
// step (constants, or empty buffers a kernel fills). Reads back to JavaScript and JavaScript random draws are
// refused on the spot, so the caller learns of them on the first call.
import {
  type backend_util,
  type DataId,
  type DataType,
  engine,
  getKernelsForBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type Variable,
} from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../backend/backend_simd.js';
import { currentOpName, JS_RANDOM_OPS, randomRefused, readRefused, stringRefused } from './errors.js';
import type { KernelCall, Trace, Use, Value, ValueSource } from './trace.js';
import { mapTree } from './tree.js';

type KernelArgs = Parameters<KernelFunc>[0];

class TraceBuilder {
  readonly values: Value[] = [];
  readonly calls: KernelCall[] = [];
  private readonly byDataId = new Map<DataId, number>();
  private readonly variableAt = new Map<DataId, Variable>();
  /** Allocations of the kernel call running now (null outside kernels). */
  current: number[] | null = null;

  constructor(
    inputs: TensorInfo[],
    readonly variables: Variable[],
  ) {
    inputs.forEach((t, index) => {
      if (!this.byDataId.has(t.dataId)) this.add(t.dataId, t.shape, t.dtype, { kind: 'input', index });
    });
    for (const v of variables) if (!this.variableAt.has(v.dataId)) this.variableAt.set(v.dataId, v);
  }

  add(dataId: DataId, shape: number[], dtype: DataType, source: ValueSource): number {
    const id = this.values.length;
    this.values.push({ id, dataId, shape: shape.slice(), dtype, source, born: this.calls.length });
    this.byDataId.set(dataId, id);
    return id;
  }

  /** The value behind a tensor the step reads; one that existed before the step is a variable or external. */
  use(t: TensorInfo): Use {
    let id = this.byDataId.get(t.dataId);
    if (id == null) {
      const variable = this.variableAt.get(t.dataId);
      id = this.add(
        t.dataId,
        t.shape,
        t.dtype,
        variable != null ? { kind: 'variable', variable } : { kind: 'external' },
      );
      this.values[id].born = 0;
    }
    return { value: id, shape: t.shape.slice(), dtype: t.dtype };
  }

  known(dataId: DataId): boolean {
    return this.byDataId.has(dataId);
  }

  /**
   * Whether JavaScript in the step may read `dataId`'s values: they are the same on every call. So are a
   * tensor made before the step that is no variable (tensors are immutable; a graph model's constants, which
   * tfjs-converter reads for shapes and sizes) and a constant the step made; not an argument, a variable or
   * anything a kernel computed.
   */
  readable(dataId: DataId): boolean {
    const id = this.byDataId.get(dataId);
    if (id == null) return !this.variableAt.has(dataId);
    const { kind } = this.values[id].source;
    return kind === 'external' || kind === 'constant';
  }
}

/** The hook and kernel wrappers of one recording; `run` installs them around the step and always removes them. */
class Recorder {
  readonly trace: TraceBuilder;
  private depth = 0;

  constructor(
    private readonly backend: SimdBackend,
    inputs: TensorInfo[],
    variables: Variable[],
  ) {
    this.trace = new TraceBuilder(inputs, variables);
  }

  run<R>(step: () => R): R {
    const restore = this.wrapKernels();
    this.backend.hook = {
      write: (values, shape, dtype) => this.write(values, shape, dtype),
      read: (dataId) => {
        if (this.depth === 0 && !this.trace.readable(dataId)) throw readRefused(currentOpName());
      },
    };
    try {
      return step();
    } finally {
      this.backend.hook = null;
      restore();
    }
  }

  private write(values: backend_util.BackendValues | null, shape: number[], dtype: DataType): DataId {
    const { trace } = this;
    if (dtype === 'string') throw stringRefused(currentOpName());
    if (this.depth > 0) {
      const dataId = this.backend.allocate(values, shape, dtype);
      const call = trace.calls.length;
      trace.current!.push(trace.add(dataId, shape, dtype, { kind: 'kernel', call, alloc: trace.current!.length }));
      return dataId;
    }
    const op = currentOpName();
    if (op != null && JS_RANDOM_OPS.has(op)) throw randomRefused(op);
    const dataId = this.backend.allocate(values, shape, dtype);
    const source: ValueSource =
      values == null ? { kind: 'scratch', op } : { kind: 'constant', bytes: bytesOf(this.backend, dataId), op };
    trace.add(dataId, shape, dtype, source);
    return dataId;
  }

  /** Wraps every kernel registered for the active backend for the recording; returns what undoes it. */
  private wrapKernels(): () => void {
    // The active backend's name: 'simd', or another name a SimdBackend is registered under (a second build).
    const configs = getKernelsForBackend(engine().backendName);
    const originals = configs.map((config) => config.kernelFunc);
    configs.forEach((config, i) => {
      (config as { kernelFunc: KernelFunc }).kernelFunc = this.recording(config, originals[i]);
    });
    return () =>
      configs.forEach((config, i) => {
        (config as { kernelFunc: KernelFunc }).kernelFunc = originals[i];
      });
  }

  private recording(config: KernelConfig, kernelFunc: KernelFunc): KernelFunc {
    return (args: KernelArgs) => {
      if (this.depth > 0) return kernelFunc(args);
      const { trace } = this;
      const inputs = mapTree(args.inputs, (t) => trace.use(t));
      const allocations: number[] = [];
      trace.current = allocations;
      this.depth++;
      let out: TensorInfo | TensorInfo[];
      try {
        out = kernelFunc(args);
      } finally {
        this.depth--;
        trace.current = null;
      }
      const returned = Array.isArray(out) ? out : [out];
      const borrowed: number[] = [];
      const outputs = returned.map((t, i) => {
        if (!allocations.includes(trace.use(t).value)) borrowed.push(i);
        return trace.use(t);
      });
      trace.calls.push({
        kernelName: config.kernelName,
        kernelFunc,
        inputs,
        attrs: args.attrs ?? {},
        allocations,
        outputs,
        borrowed,
      });
      return out;
    };
  }
}

/** A copy of a tensor's bytes as they are now. */
function bytesOf(backend: SimdBackend, dataId: DataId): Uint8Array {
  const view = backend.view(dataId);
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
}

function registeredVariables(): Variable[] {
  return Object.values(engine().registeredVariables);
}

/** Runs `step` eagerly while recording it; returns its result and the trace. */
export function record<R>(backend: SimdBackend, inputs: TensorInfo[], step: () => R): { result: R; trace: Trace } {
  const before = registeredVariables();
  const startDataIds = before.map((v) => v.dataId);
  const recorder = new Recorder(backend, inputs, before);
  const result = recorder.run(step);
  const { trace } = recorder;
  const after = engine().registeredVariables;
  const createdVariables = Object.keys(after).length !== before.length || before.some((v) => after[v.name] !== v);
  const assignments: Trace['assignments'] = [];
  before.forEach((variable, i) => {
    if (variable.isDisposed || after[variable.name] !== variable || variable.dataId === startDataIds[i]) return;
    assignments.push({ variable, value: trace.use(variable).value });
  });
  return {
    result,
    trace: {
      values: trace.values,
      calls: trace.calls,
      result: mapTree(result, (t) => trace.use(t)),
      assignments,
      createdVariables,
    },
  };
}
