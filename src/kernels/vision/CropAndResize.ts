import {
  CropAndResize,
  type CropAndResizeAttrs,
  type CropAndResizeInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { layoutOnCpu } from '../layout/fallback.js';

/**
 * Boxes of images resampled to one size (the crops detectors and landmark models take from a frame), equal to
 * tfjs-backend-cpu's. Other dtypes, and negative image indices (cpu reads outside the batch), run cpu's code.
 */
export function cropAndResize(args: KernelArgs<CropAndResizeInputs, CropAndResizeAttrs>): TensorInfo {
  const {
    inputs: { image, boxes, boxInd },
    attrs: { cropSize, method, extrapolationValue },
    backend,
  } = args;
  const numBoxes = boxes.shape[0];
  const native =
    image.dtype === 'float32' &&
    boxes.dtype === 'float32' &&
    boxInd.dtype === 'int32' &&
    image.shape.length === 4 &&
    (numBoxes === 0 || backend.view(boxInd.dataId).every((b) => b >= 0));
  if (!native) return layoutOnCpu(CropAndResize, args) as TensorInfo;
  const [batch, imageH, imageW, channels] = image.shape;
  const [cropH, cropW] = cropSize;
  const out = backend.makeOutput([numBoxes, cropH, cropW, channels], 'float32');
  if (numBoxes * cropH * cropW * channels === 0) return out;
  backend.wasm.kernels.vision_crop_and_resize_f32(
    backend.ptr(out),
    backend.ptr(image),
    backend.ptr(boxes),
    backend.ptr(boxInd),
    numBoxes,
    batch,
    imageH,
    imageW,
    channels,
    cropH,
    cropW,
    method === 'nearest' ? 1 : 0,
    extrapolationValue,
  );
  return out;
}

export const cropAndResizeConfig: KernelConfig = {
  kernelName: CropAndResize,
  backendName: 'simd',
  kernelFunc: cropAndResize as unknown as KernelFunc,
};
