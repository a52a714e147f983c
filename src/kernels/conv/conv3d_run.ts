// 3-D convolutions (NDHWC) on the same WASM routines as the 2-D ones (assembly/conv/conv2d.ts reads the
// geometry's depth): im2col over (filter plane, row, column, channel) in cache-sized chunks and the GEMM. On
// threads, forward and input-gradient shares are runs of whole volumes (one volume's forward pass: runs of its
// output planes); filter-gradient shares are runs of the gradient's chunks of output pixels (partials summed in
// chunk order) or blocks of output channels, as for 2-D convolutions. Every share computes its values as one
// thread would.
import { type backend_util, util } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import type { Chunk } from '../../threads/pool.js';
import { cutRange } from '../../threads/ranges.js';
import { chunksFor, helpersFor, type SplitThreshold } from '../../threads/split_policy.js';
import { CONV_BACKPROP_FILTER_CHUNKS } from '../../wasm/constants.generated.js';
import { CHUNK_MACS } from '../gemm/plan.js';
import { NO_EPILOGUE, NR, PRODUCT_SPLIT } from '../gemm/threads.js';
import { CONV_BACKPROP_FILTER, CONV_FORWARD, type ConvKind, MAX_PARTIAL_BYTES } from './threads.js';

/** The 3-D conv family's first arguments: input, output, filter, strides, dilations, front/top/left padding. */
export type Conv3DGeometry = [
  batch: number,
  inDepth: number,
  inHeight: number,
  inWidth: number,
  inChannels: number,
  outDepth: number,
  outHeight: number,
  outWidth: number,
  outChannels: number,
  filterDepth: number,
  filterHeight: number,
  filterWidth: number,
  strideDepth: number,
  strideHeight: number,
  strideWidth: number,
  dilationDepth: number,
  dilationHeight: number,
  dilationWidth: number,
  padFront: number,
  padTop: number,
  padLeft: number,
];

const F32 = 4;

/**
 * Multiply-adds from which one volume's forward pass splits over its output planes: as for one image's
 * (src/kernels/conv/threads.ts), where splitting smaller convolutions measured slower than not.
 */
const SINGLE_VOLUME_SPLIT: SplitThreshold = { awake: 1 << 20, asleep: 1 << 20 };

/** A 3-D convolution's or pooling's geometry as the WASM calls take it. */
export function conv3DGeometry(info: backend_util.Conv3DInfo): Conv3DGeometry {
  return [
    info.batchSize,
    info.inDepth,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outDepth,
    info.outHeight,
    info.outWidth,
    info.outChannels,
    info.filterDepth,
    info.filterHeight,
    info.filterWidth,
    info.strideDepth,
    info.strideHeight,
    info.strideWidth,
    info.dilationDepth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.front,
    info.padInfo.top,
    info.padInfo.left,
  ];
}

/**
 * Checks that the input and the filter are volumes (rank 5) and that the filter's input channels are the
 * input's: tfjs-core's op checks it, a kernel called directly gets this error instead of wrong values.
 */
export function assertVolumes(opName: string, inputShape: number[], filterShape: number[]): void {
  util.assert(
    inputShape.length === 5 && filterShape.length === 5,
    () =>
      `Error in ${opName}: input and filter must be rank 5, but got input shape [${inputShape}], filter shape [${filterShape}].`,
  );
  util.assert(
    filterShape[3] === inputShape[4],
    () =>
      `Error in ${opName}: depth of input (${inputShape[4]}) must match input depth for filter ${filterShape[3]} ` +
      `(input shape [${inputShape}], filter shape [${filterShape}]).`,
  );
}

/** Runs a 3-D export on this thread; its code 1 (scratch too small: nothing written) would be a sizing bug. */
export function callChecked(backend: SimdBackend, name: Conv3DExport, args: number[]): void {
  if (backend.wasm.call(name, args) !== 0) throw new Error(`${name}: its scratch block was too small`);
}

type Conv3DExport =
  | 'conv_3d_share_f32'
  | 'conv_max_pool_3d_f32'
  | 'conv_avg_pool_3d_f32'
  | 'conv_max_pool_3d_backprop_f32'
  | 'conv_avg_pool_3d_backprop_f32';

/** The 3-D convolution `kind` on `geometry` (input, operand and out as conv_3d_share_f32 takes them). */
export function conv3dF32(
  backend: SimdBackend,
  kind: ConvKind,
  geometry: Conv3DGeometry,
  input: number,
  operand: number,
  out: number,
): void {
  const { wasm, threadPool: pool } = backend;
  const [b, id, ih, iw, ic, od, oh, ow, oc, fd, fh, fw] = geometry;
  const macs = b * od * oh * ow * fd * fh * fw * ic * oc;
  let shares: Chunk[];
  let workers: number;
  if (kind === CONV_BACKPROP_FILTER) {
    const chunks = wasm.kernels.conv_3d_filter_gradient_chunks(...geometry);
    const partialBytes = (chunks - 1) * fd * fh * fw * ic * oc * F32;
    if (chunks >= 2 && partialBytes <= MAX_PARTIAL_BYTES) {
      filterGradientByChunks(backend, geometry, input, operand, out, macs, chunks, partialBytes);
      return;
    }
    workers = oc < 2 * NR ? 0 : Math.min(Math.floor(oc / NR) - 1, helpersFor(pool, macs, PRODUCT_SPLIT));
    shares = cutRange(oc, workers + 1, NR).map(([c0, columns]) =>
      share(kind, geometry, input, operand, out, c0, c0 + columns),
    );
  } else if (kind === CONV_FORWARD && b === 1) {
    // One volume (a clip's inference): runs of its output planes, each the same convolution on fewer planes,
    // its input seen from a front padding moved by the planes before it.
    workers = Math.min(od - 1, helpersFor(pool, macs, SINGLE_VOLUME_SPLIT));
    const parts = workers > 0 ? chunksFor(macs, workers + 1, CHUNK_MACS) : 1;
    const [, , , , , , , , , , , , sd, , , , , , pf] = geometry;
    shares = cutRange(od, parts).map(([z0, planes]) => {
      const part = [...geometry] as Conv3DGeometry;
      part[5] = planes;
      part[18] = pf - z0 * sd;
      return share(kind, part, input, operand, out + z0 * oh * ow * oc * F32);
    });
  } else {
    workers = Math.min(b - 1, helpersFor(pool, macs, PRODUCT_SPLIT));
    // Floats per image of what a share reads (input) and writes (out).
    const [inImage, outImage] = [id * ih * iw * ic, od * oh * ow * oc];
    const [read, written] = kind === CONV_FORWARD ? [inImage, outImage] : [outImage, inImage];
    const parts = workers > 0 ? chunksFor(macs, workers + 1, CHUNK_MACS) : 1;
    shares = cutRange(b, parts).map(([b0, images]) =>
      share(
        kind,
        [images, ...geometry.slice(1)] as Conv3DGeometry,
        input + b0 * read * F32,
        operand,
        out + b0 * written * F32,
      ),
    );
  }
  const scratchBytes = Math.max(
    ...shares.map(
      (args) => wasm.kernels.conv_3d_share_f32_scratch_bytes(kind, ...(args.slice(1, 22) as Conv3DGeometry)) >>> 0,
    ),
  );
  if (workers > 0) {
    pool!.run('conv_3d_share_f32', shares, workers, scratchBytes);
    return;
  }
  wasm.withScratch(scratchBytes, (scratch) => {
    for (const args of shares) callChecked(backend, 'conv_3d_share_f32', [...args, scratch, scratchBytes]);
  });
}

/** The filter gradient, its `chunks` (≥ 2) chunks of output pixels split over threads, partials summed in order. */
function filterGradientByChunks(
  backend: SimdBackend,
  geometry: Conv3DGeometry,
  x: number,
  dy: number,
  dw: number,
  macs: number,
  chunks: number,
  partialBytes: number,
): void {
  const { wasm, threadPool: pool } = backend;
  const workers = Math.min(chunks - 1, helpersFor(pool, macs, PRODUCT_SPLIT));
  const scratchBytes = wasm.kernels.conv_3d_share_f32_scratch_bytes(CONV_BACKPROP_FILTER_CHUNKS, ...geometry) >>> 0;
  if (workers <= 0) {
    const whole = share(CONV_BACKPROP_FILTER, geometry, x, dy, dw);
    const bytes = wasm.kernels.conv_3d_share_f32_scratch_bytes(CONV_BACKPROP_FILTER, ...geometry) >>> 0;
    wasm.withScratch(bytes, (scratch) => callChecked(backend, 'conv_3d_share_f32', [...whole, scratch, bytes]));
    return;
  }
  const partials = wasm.alloc(partialBytes);
  try {
    const parts = chunksFor(macs, workers + 1, CHUNK_MACS);
    const shares = cutRange(chunks, parts).map(([q0, count]) =>
      share(CONV_BACKPROP_FILTER_CHUNKS, geometry, x, dy, dw, q0, q0 + count, partials),
    );
    pool!.run('conv_3d_share_f32', shares, workers, scratchBytes);
    wasm.kernels.conv_3d_sum_partials_f32(...geometry, dw, partials, chunks);
  } finally {
    wasm.free(partials);
  }
}

/** The arguments of conv_3d_share_f32 before its scratch block: output channels c0..c1 (all by default). */
function share(
  kind: number,
  geometry: Conv3DGeometry,
  input: number,
  operand: number,
  out: number,
  c0 = 0,
  c1 = geometry[8],
  partials = 0,
): Chunk {
  return [kind, ...geometry, input, operand, out, c0, c1, partials, ...NO_EPILOGUE];
}
