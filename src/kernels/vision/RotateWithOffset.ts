import {
  backend_util,
  type KernelConfig,
  type KernelFunc,
  RotateWithOffset,
  type RotateWithOffsetAttrs,
  type RotateWithOffsetInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { layoutOnCpu } from '../layout/fallback.js';

/**
 * Images rotated by `radians` about `center`, each pixel taken from its nearest source pixel: equal to
 * tfjs-backend-cpu's (same float64 arithmetic and rounding). Pixels from outside the image take fillValue; with
 * per-channel fill values, channel 3 (alpha) takes 255, as on cpu.
 */
export function rotateWithOffset(args: KernelArgs<RotateWithOffsetInputs, RotateWithOffsetAttrs>): TensorInfo {
  const {
    inputs: { image },
    attrs: { radians, fillValue, center },
    backend,
  } = args;
  if (image.dtype !== 'float32' || image.shape.length !== 4) return layoutOnCpu(RotateWithOffset, args) as TensorInfo;
  const [batch, h, w, channels] = image.shape;
  const out = backend.makeOutput(image.shape, 'float32');
  if (batch * h * w * channels === 0) return out;
  const [cx, cy] = backend_util.getImageCenter(center, h, w);
  const fills = Array.from({ length: channels }, (_, c) =>
    typeof fillValue === 'number' ? fillValue : c === 3 ? 255 : (fillValue[c] ?? Number.NaN),
  );
  const wasm = backend.wasm;
  wasm.withScratch(4 * channels, (fillsPtr) => {
    wasm.f32(fillsPtr, channels).set(fills);
    wasm.kernels.vision_rotate_with_offset_f32(
      backend.ptr(out),
      backend.ptr(image),
      batch,
      h,
      w,
      channels,
      Math.sin(radians),
      Math.cos(radians),
      cx,
      cy,
      fillsPtr,
    );
  });
  return out;
}

export const rotateWithOffsetConfig: KernelConfig = {
  kernelName: RotateWithOffset,
  backendName: 'simd',
  kernelFunc: rotateWithOffset as unknown as KernelFunc,
};
