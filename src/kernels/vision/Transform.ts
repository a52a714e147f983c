import {
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  Transform,
  type TransformAttrs,
  type TransformInputs,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { layoutOnCpu } from '../layout/fallback.js';

/** assembly/vision/transform.ts's fill modes; any other name maps coordinates as 'constant' does, as on cpu. */
const FILL_MODES = new Map([
  ['constant', 0],
  ['reflect', 1],
  ['wrap', 2],
  ['nearest', 3],
]);

/**
 * Projective warps of images (tf.image.transform): each image equal to tfjs-backend-cpu's result for it alone.
 * cpu itself returns after the first image and leaves the others at fillValue; here every image is warped, as
 * tfjs-backend-wasm and TensorFlow do. Other dtypes, an empty batch and unknown interpolations run cpu's code.
 */
export function transform(args: KernelArgs<TransformInputs, TransformAttrs>): TensorInfo {
  const {
    inputs: { image, transforms },
    attrs: { interpolation, fillMode, fillValue, outputShape },
    backend,
  } = args;
  const [batch, inH, inW, channels] = image.shape;
  const native =
    image.dtype === 'float32' &&
    transforms.dtype === 'float32' &&
    image.shape.length === 4 &&
    batch > 0 &&
    (interpolation === 'nearest' || interpolation === 'bilinear');
  if (!native) return layoutOnCpu(Transform, args) as TensorInfo;
  const [outH, outW] = outputShape ?? [inH, inW];
  const out = backend.makeOutput([batch, outH, outW, channels], 'float32');
  if (outH * outW * channels === 0) return out;
  backend.wasm.kernels.vision_transform_f32(
    backend.ptr(out),
    backend.ptr(image),
    backend.ptr(transforms),
    transforms.shape[0] === 1 ? 0 : 1,
    batch,
    inH,
    inW,
    channels,
    outH,
    outW,
    interpolation === 'bilinear' ? 1 : 0,
    FILL_MODES.get(fillMode) ?? 0,
    fillValue,
  );
  return out;
}

export const transformConfig: KernelConfig = {
  kernelName: Transform,
  backendName: 'simd',
  kernelFunc: transform as unknown as KernelFunc,
};
