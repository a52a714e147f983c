// What one eager run of a step did, as the recorder saw it: every tensor value it touched, where each came
// from, and every kernel call (inputs, attributes, the allocations it made). Values are numbered; a kernel
// input refers to a value with the shape and dtype it was handed (a reshape hands on a value's buffer under
// another shape).
import type { DataId, DataType, KernelFunc, NamedAttrMap, Variable } from '@tensorflow/tfjs-core';
import type { Tree } from './tree.js';

export type ValueSource =
  /** The index-th tensor among the arguments. */
  | { kind: 'input'; index: number }
  /** A variable's value when the step began. */
  | { kind: 'variable'; variable: Variable }
  /** Written from JavaScript inside the step (a scalar, ones for a gradient): the same bytes every run. */
  | { kind: 'constant'; bytes: Uint8Array; op: string | null }
  /** Allocated from JavaScript inside the step without values, for a kernel to fill. */
  | { kind: 'scratch'; op: string | null }
  /** Allocated by kernel call `call` (its alloc-th allocation). */
  | { kind: 'kernel'; call: number; alloc: number }
  /** A tensor made before the step began and read by it. */
  | { kind: 'external' };

export interface Value {
  id: number;
  /** Its data id in the recorded run (the identity by which the recorder knew it). */
  dataId: DataId;
  /** Shape and dtype it was allocated with. */
  shape: number[];
  dtype: DataType;
  source: ValueSource;
  /** Number of kernel calls made before it appeared (0 for values that existed before the step). */
  born: number;
}

/** A tensor as handed to a kernel or returned: a value seen under a shape. */
export interface Use {
  value: number;
  shape: number[];
  dtype: DataType;
}

export interface KernelCall {
  kernelName: string;
  /** The registered kernel function that ran (called again on replay). */
  kernelFunc: KernelFunc;
  inputs: Tree<Use>;
  attrs: NamedAttrMap;
  /** Values the kernel allocated, in the order it allocated them. */
  allocations: number[];
  /** Values it returned. */
  outputs: Use[];
  /** Indices of returned outputs that are not its own allocations (it took a reference to an existing buffer). */
  borrowed: number[];
}

export interface Trace {
  values: Value[];
  calls: KernelCall[];
  /** The step's result, tensors replaced by uses. */
  result: Tree<Use>;
  /** Variables holding another value when the step ended: the value each holds now. */
  assignments: { variable: Variable; value: number }[];
  /** Whether the step created variables (a first step often does: optimizer slots); such a run is not repeatable. */
  createdVariables: boolean;
}
