// The 3-D pooling kernels (pool3d.ts) as exports: each takes a 3-D geometry (input [b, id, ih, iw, c], output
// [b, od, oh, ow, c], window, strides, dilations of 1, padding) and a scratch block of
// conv_pool_3d_scratch_bytes(kind, …) bytes, and returns 0, or 1 (nothing done) when the block is too small.
import { ConvGeometry, writeGeometry3d } from './geometry';
import { avgPool3dForward, maxPool3dForward, maxPool3dPositions, pool3dBackprop } from './pool3d';
import { CONV_PARAMS_BYTES } from './scratch';

export const POOL_3D_MAX: i32 = 0;
export const POOL_3D_AVG: i32 = 1;
export const POOL_3D_MAX_BACKPROP: i32 = 2;
export const POOL_3D_AVG_BACKPROP: i32 = 3;

/** Bytes of the scratch block of a 3-D pooling `kind`: its geometry, a float64 sum per channel, the max positions. */
export function conv_pool_3d_scratch_bytes(
  kind: i32, b: i32, id: i32, ih: i32, iw: i32, ic: i32, od: i32, oh: i32, ow: i32, oc: i32,
  fd: i32, fh: i32, fw: i32, sd: i32, sh: i32, sw: i32, dd: i32, dh: i32, dw: i32, pf: i32, pt: i32, pl: i32,
): usize {
  const sums = alignedBytes(<usize>ic << 3);
  const positions = kind == POOL_3D_MAX_BACKPROP ? alignedBytes(<usize>b * od * oh * ow * ic << 2) : 0;
  return CONV_PARAMS_BYTES + sums + positions;
}

function alignedBytes(bytes: usize): usize {
  return (max<usize>(bytes, 16) + 15) & ~15;
}

/** The call's geometry in its scratch block, or null when the block is smaller than `kind` needs. */
function geometryFor(
  kind: i32, scratch: usize, bytes: usize, b: i32, id: i32, ih: i32, iw: i32, ic: i32, od: i32, oh: i32, ow: i32,
  oc: i32, fd: i32, fh: i32, fw: i32, sd: i32, sh: i32, sw: i32, dd: i32, dh: i32, dw: i32, pf: i32, pt: i32, pl: i32,
): ConvGeometry | null {
  const needed = conv_pool_3d_scratch_bytes(kind, b, id, ih, iw, ic, od, oh, ow, oc, fd, fh, fw, sd, sh, sw, dd, dh, dw, pf, pt, pl);
  if (bytes < needed) return null;
  return writeGeometry3d(scratch, b, id, ih, iw, ic, od, oh, ow, oc, fd, fh, fw, sd, sh, sw, dd, dh, dw, pf, pt, pl);
}

/** The float64 sums in a 3-D pooling's scratch block. */
function sumsIn(scratch: usize): usize {
  return scratch + CONV_PARAMS_BYTES;
}

export function conv_max_pool_3d_f32(
  b: i32, id: i32, ih: i32, iw: i32, ic: i32, od: i32, oh: i32, ow: i32, oc: i32,
  fd: i32, fh: i32, fw: i32, sd: i32, sh: i32, sw: i32, dd: i32, dh: i32, dw: i32, pf: i32, pt: i32, pl: i32,
  x: usize, y: usize, scratch: usize, bytes: usize,
): i32 {
  const g = geometryFor(POOL_3D_MAX, scratch, bytes, b, id, ih, iw, ic, od, oh, ow, oc, fd, fh, fw, sd, sh, sw, dd, dh, dw, pf, pt, pl);
  if (g == null) return 1;
  maxPool3dForward(g, x, y);
  return 0;
}

export function conv_avg_pool_3d_f32(
  b: i32, id: i32, ih: i32, iw: i32, ic: i32, od: i32, oh: i32, ow: i32, oc: i32,
  fd: i32, fh: i32, fw: i32, sd: i32, sh: i32, sw: i32, dd: i32, dh: i32, dw: i32, pf: i32, pt: i32, pl: i32,
  x: usize, y: usize, scratch: usize, bytes: usize,
): i32 {
  const g = geometryFor(POOL_3D_AVG, scratch, bytes, b, id, ih, iw, ic, od, oh, ow, oc, fd, fh, fw, sd, sh, sw, dd, dh, dw, pf, pt, pl);
  if (g == null) return 1;
  avgPool3dForward(g, x, y, sumsIn(scratch));
  return 0;
}

export function conv_max_pool_3d_backprop_f32(
  b: i32, id: i32, ih: i32, iw: i32, ic: i32, od: i32, oh: i32, ow: i32, oc: i32,
  fd: i32, fh: i32, fw: i32, sd: i32, sh: i32, sw: i32, dd: i32, dh: i32, dw: i32, pf: i32, pt: i32, pl: i32,
  dy: usize, x: usize, dx: usize, scratch: usize, bytes: usize,
): i32 {
  const g = geometryFor(POOL_3D_MAX_BACKPROP, scratch, bytes, b, id, ih, iw, ic, od, oh, ow, oc, fd, fh, fw, sd, sh, sw, dd, dh, dw, pf, pt, pl);
  if (g == null) return 1;
  const sums = sumsIn(scratch);
  const positions = sums + alignedBytes(<usize>ic << 3);
  maxPool3dPositions(g, x, positions);
  pool3dBackprop(g, dy, positions, dx, sums);
  return 0;
}

export function conv_avg_pool_3d_backprop_f32(
  b: i32, id: i32, ih: i32, iw: i32, ic: i32, od: i32, oh: i32, ow: i32, oc: i32,
  fd: i32, fh: i32, fw: i32, sd: i32, sh: i32, sw: i32, dd: i32, dh: i32, dw: i32, pf: i32, pt: i32, pl: i32,
  dy: usize, dx: usize, scratch: usize, bytes: usize,
): i32 {
  const g = geometryFor(POOL_3D_AVG_BACKPROP, scratch, bytes, b, id, ih, iw, ic, od, oh, ow, oc, fd, fh, fw, sd, sh, sw, dd, dh, dw, pf, pt, pl);
  if (g == null) return 1;
  pool3dBackprop(g, dy, 0, dx, sumsIn(scratch));
  return 0;
}
