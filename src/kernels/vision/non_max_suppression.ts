// Non-max suppression for the V3, V4 and V5 kernels: the selection runs in WebAssembly into buffers of the
// largest possible size; the outputs, whose size depends on the data, are made once it has returned the count.
import { type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { runOnCpu } from '../../backend/cpu_fallback.js';

export interface Suppression {
  maxOutputSize: number;
  iouThreshold: number;
  scoreThreshold: number;
  /** 0 for hard suppression. */
  softNmsSigma: number;
  /** Zeros after the selected boxes up to maxOutputSize (V4). */
  padToMaxOutputSize: boolean;
  /** Whether the scores of the selected boxes are an output (V5). */
  withScores: boolean;
}

export interface Selection {
  /** int32 box indices, in selection order. */
  indices: TensorInfo;
  /** float32 scores of the selected boxes after soft suppression, when asked for. */
  scores: TensorInfo | null;
  /** How many boxes were selected (before padding). */
  validOutputs: number;
}

/** tfjs-core hands the kernels float32 boxes and scores; anything else (a direct call) runs cpu's kernel. */
export function suppressionOnCpu(
  kernelName: string,
  boxes: TensorInfo,
  scores: TensorInfo,
  args: unknown,
): TensorInfo | TensorInfo[] | null {
  if (boxes.dtype === 'float32' && scores.dtype === 'float32') return null;
  return runOnCpu(kernelName, args as Parameters<KernelFunc>[0]);
}

export function nonMaxSuppression(
  backend: SimdBackend,
  boxes: TensorInfo,
  scores: TensorInfo,
  options: Suppression,
): Selection {
  const { maxOutputSize, iouThreshold, scoreThreshold, softNmsSigma, padToMaxOutputSize, withScores } = options;
  const n = util.sizeFromShape(scores.shape);
  if (util.sizeFromShape(boxes.shape) < 4 * n) {
    throw new Error(
      `NonMaxSuppression: boxes of shape [${boxes.shape}] hold fewer than the ${n} boxes ` +
        `that scores of shape [${scores.shape}] score.`,
    );
  }
  const wasm = backend.wasm;
  const kernels = wasm.kernels;
  const scratchBytes = kernels.vision_non_max_suppression_f32_scratch_bytes(n) >>> 0;
  // The scratch (float64 scores first), then room for n selected indices and n selected scores.
  return wasm.withScratch(scratchBytes + 8 * n + 8, (block) => {
    const selectedIndices = block + scratchBytes;
    const selectedScores = selectedIndices + 4 * n;
    // cpu's loop runs while fewer than maxOutputSize are selected: a fraction counts as the next integer.
    const bound = Math.max(0, Math.min(n, Math.ceil(maxOutputSize)));
    const count =
      n === 0
        ? 0
        : kernels.vision_non_max_suppression_f32(
            backend.ptr(boxes),
            backend.ptr(scores),
            n,
            bound,
            iouThreshold,
            scoreThreshold,
            softNmsSigma,
            selectedIndices,
            selectedScores,
            block,
          );
    const length = padToMaxOutputSize && maxOutputSize > count ? maxOutputSize : count;
    const indices = backend.makeOutput([length], 'int32');
    if (length > 0) wasm.i32(backend.ptr(indices), length).fill(0).set(wasm.i32(selectedIndices, count));
    const selected = withScores ? backend.makeOutput([length], 'float32') : null;
    if (selected != null && length > 0) {
      wasm.f32(backend.ptr(selected), length).fill(0).set(wasm.f32(selectedScores, count));
    }
    return { indices, scores: selected, validOutputs: count };
  });
}
