// A kernel call worked out once, for a compiled step (src/compile/) to run on every replay without the kernel's
// JavaScript: shapes checked, plans made and WASM export chosen when the step is planned; a replay hands it
// only where its tensors are now. A kernel function offers this as its `prepare` property; a kernel without
// one (or whose `prepare` declines a call) runs through its kernel function, as eagerly.
import type { DataType, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

export interface PreparedKernel {
  /** The inputs it reads, in the order `run` takes their byte offsets. */
  reads: TensorInfo[];
  /** The outputs it allocates, in order (a replay puts them where the plan says). */
  outputs: { shape: number[]; dtype: DataType }[];
  /** Runs the call: byte offsets of `reads`, then of `outputs`. */
  run(pointers: number[]): void;
}

/** A kernel's `prepare`: null when this call must run through the kernel function. */
export type PrepareKernel = (args: Parameters<KernelFunc>[0]) => PreparedKernel | null;

/** A kernel function with a `prepare`. */
export type PreparableKernelFunc = KernelFunc & { prepare?: PrepareKernel };

/** `kernelFunc`, offering `prepare` to compiled steps. */
export function withPrepare(kernelFunc: KernelFunc, prepare: PrepareKernel): PreparableKernelFunc {
  return Object.assign(kernelFunc, { prepare });
}
