// 3-D max and average pooling and their gradients over NDHWC tensors, computed as tfjs-backend-cpu computes
// them, so that results are its results bit for bit: windows clipped to the input; max keeps a strictly
// greater value (NaN never wins; an empty or all-NaN window gives -Infinity); avg sums in float64, in window
// order, and divides by the number of pixels inside; the gradients gather, for each input pixel, the output
// pixels whose window holds it, in the CPU kernels' order and in float64. The max gradient follows the CPU's
// record of where each maximum is (the last of equal maxima, at window offset z·h·w + y·h + x, read back as
// z·h·w + y·w + x, which is the same place for square windows).
import { zeroFloats } from '../simd/copy';
import { ConvGeometry } from './geometry';
import { windowEnd, windowStart } from './pool';

/** Byte offset of pixel (z, y, x) of image b of the input. */
@inline
function inputPixel(g: ConvGeometry, b: i32, z: i32, y: i32, x: i32): usize {
  return (((<usize>(b * g.inD + z) * <usize>g.inH + <usize>y) * <usize>g.inW + <usize>x) * <usize>g.inC) << 2;
}

/** Byte offset of pixel (z, y, x) of image b of the output. */
@inline
function outputPixel(g: ConvGeometry, b: i32, z: i32, y: i32, x: i32): usize {
  return (((<usize>(b * g.outD + z) * <usize>g.outH + <usize>y) * <usize>g.outW + <usize>x) * <usize>g.inC) << 2;
}

/** y = the largest value of each window, four channels at a time. */
export function maxPool3dForward(g: ConvGeometry, x: usize, y: usize): void {
  const inC = g.inC;
  for (let b = 0; b < g.batch; b++) {
    for (let oz = 0; oz < g.outD; oz++) {
      const z0 = windowStart(oz, g.strideD, g.padFront);
      const z1 = windowEnd(oz, g.strideD, g.padFront, g.filterD, g.inD);
      for (let oy = 0; oy < g.outH; oy++) {
        const y0 = windowStart(oy, g.strideH, g.padTop);
        const y1 = windowEnd(oy, g.strideH, g.padTop, g.filterH, g.inH);
        for (let ox = 0; ox < g.outW; ox++) {
          const x0 = windowStart(ox, g.strideW, g.padLeft);
          const x1 = windowEnd(ox, g.strideW, g.padLeft, g.filterW, g.inW);
          const out = y + outputPixel(g, b, oz, oy, ox);
          let c = 0;
          for (; c + 4 <= inC; c += 4) {
            let acc = f32x4.splat(-Infinity);
            for (let z = z0; z < z1; z++) {
              for (let iy = y0; iy < y1; iy++) {
                for (let ix = x0; ix < x1; ix++) {
                  const v = v128.load(x + inputPixel(g, b, z, iy, ix) + (<usize>c << 2));
                  acc = f32x4.pmax(acc, v); // acc < v ? v : acc: the first strictly greater, NaN never wins
                }
              }
            }
            v128.store(out + (<usize>c << 2), acc);
          }
          for (; c < inC; c++) {
            let acc: f32 = -Infinity;
            for (let z = z0; z < z1; z++) {
              for (let iy = y0; iy < y1; iy++) {
                for (let ix = x0; ix < x1; ix++) {
                  const v = load<f32>(x + inputPixel(g, b, z, iy, ix) + (<usize>c << 2));
                  if (v > acc) acc = v;
                }
              }
            }
            store<f32>(out + (<usize>c << 2), acc);
          }
        }
      }
    }
  }
}

/** y = the mean of each window's pixels inside the input: a float64 sum in window order, divided, rounded once. */
export function avgPool3dForward(g: ConvGeometry, x: usize, y: usize, sums: usize): void {
  const inC = g.inC;
  for (let b = 0; b < g.batch; b++) {
    for (let oz = 0; oz < g.outD; oz++) {
      const z0 = windowStart(oz, g.strideD, g.padFront);
      const z1 = windowEnd(oz, g.strideD, g.padFront, g.filterD, g.inD);
      for (let oy = 0; oy < g.outH; oy++) {
        const y0 = windowStart(oy, g.strideH, g.padTop);
        const y1 = windowEnd(oy, g.strideH, g.padTop, g.filterH, g.inH);
        for (let ox = 0; ox < g.outW; ox++) {
          const x0 = windowStart(ox, g.strideW, g.padLeft);
          const x1 = windowEnd(ox, g.strideW, g.padLeft, g.filterW, g.inW);
          zeroDoubles(sums, inC);
          for (let z = z0; z < z1; z++) {
            for (let iy = y0; iy < y1; iy++) {
              for (let ix = x0; ix < x1; ix++) addAsDoubles(sums, x + inputPixel(g, b, z, iy, ix), inC);
            }
          }
          const count = max(0, z1 - z0) * max(0, y1 - y0) * max(0, x1 - x0);
          storeScaled(y + outputPixel(g, b, oz, oy, ox), sums, inC, 1, <f64>max(count, 1));
        }
      }
    }
  }
}

/**
 * Where each window's maximum is, as the CPU records it (positions: int32, one per output value): the last
 * pixel ≥ every earlier one, at window offset z·fh·fw + y·fh + x; -1 when no pixel is (empty or all NaN).
 */
export function maxPool3dPositions(g: ConvGeometry, x: usize, positions: usize): void {
  const inC = g.inC;
  const fh = g.filterH, fw = g.filterW;
  for (let b = 0; b < g.batch; b++) {
    for (let oz = 0; oz < g.outD; oz++) {
      const zc = oz * g.strideD - g.padFront;
      const z0 = max(0, zc), z1 = min(g.inD, zc + g.filterD);
      for (let oy = 0; oy < g.outH; oy++) {
        const yc = oy * g.strideH - g.padTop;
        const y0 = max(0, yc), y1 = min(g.inH, yc + fh);
        for (let ox = 0; ox < g.outW; ox++) {
          const xc = ox * g.strideW - g.padLeft;
          const x0 = max(0, xc), x1 = min(g.inW, xc + fw);
          const out = positions + outputPixel(g, b, oz, oy, ox);
          let c = 0;
          for (; c + 4 <= inC; c += 4) {
            let best = f32x4.splat(-Infinity);
            let at = i32x4.splat(-1);
            for (let z = z0; z < z1; z++) {
              for (let iy = y0; iy < y1; iy++) {
                for (let ix = x0; ix < x1; ix++) {
                  const v = v128.load(x + inputPixel(g, b, z, iy, ix) + (<usize>c << 2));
                  const atLeast = f32x4.ge(v, best);
                  best = v128.bitselect(v, best, atLeast);
                  at = v128.bitselect(i32x4.splat((z - zc) * fh * fw + (iy - yc) * fh + (ix - xc)), at, atLeast);
                }
              }
            }
            v128.store(out + (<usize>c << 2), at);
          }
          for (; c < inC; c++) {
            let best: f32 = -Infinity;
            let at = -1;
            for (let z = z0; z < z1; z++) {
              for (let iy = y0; iy < y1; iy++) {
                for (let ix = x0; ix < x1; ix++) {
                  const v = load<f32>(x + inputPixel(g, b, z, iy, ix) + (<usize>c << 2));
                  if (v >= best) {
                    best = v;
                    at = (z - zc) * fh * fw + (iy - yc) * fh + (ix - xc);
                  }
                }
              }
            }
            store<i32>(out + (<usize>c << 2), at);
          }
        }
      }
    }
  }
}

/**
 * dx of pooling: each input pixel gathers, in the CPU's window order and in float64, the dy values of the windows
 * holding it. Max pooling (`positions`: maxPool3dPositions' record) takes only the windows whose recorded
 * maximum is read back as that pixel; average pooling (`positions` 0) takes all of them, times 1/window.
 */
export function pool3dBackprop(g: ConvGeometry, dy: usize, positions: usize, dx: usize, sums: usize): void {
  const inC = g.inC;
  const fd = g.filterD, fh = g.filterH, fw = g.filterW;
  const last = fd * fh * fw - 1;
  const multiplier: f64 = positions != 0 ? 1 : 1 / <f64>(fd * fh * fw);
  // The CPU walks the windows holding a pixel backwards from it: from padding filter − 1 − pad.
  const padFront = fd - 1 - g.padFront, padTop = fh - 1 - g.padTop, padLeft = fw - 1 - g.padLeft;
  for (let b = 0; b < g.batch; b++) {
    for (let z = 0; z < g.inD; z++) {
      for (let iy = 0; iy < g.inH; iy++) {
        for (let ix = 0; ix < g.inW; ix++) {
          zeroDoubles(sums, inC);
          for (let wz = 0; wz < fd; wz++) {
            const oz = windowIndex(z - padFront + wz, g.strideD, g.outD);
            if (oz < 0) continue;
            for (let wy = 0; wy < fh; wy++) {
              const oy = windowIndex(iy - padTop + wy, g.strideH, g.outH);
              if (oy < 0) continue;
              for (let wx = 0; wx < fw; wx++) {
                const ox = windowIndex(ix - padLeft + wx, g.strideW, g.outW);
                if (ox < 0) continue;
                const cell = outputPixel(g, b, oz, oy, ox);
                // The recorded maxima read back as this pixel are those at last − here.
                if (positions != 0) {
                  addWhereRecorded(sums, dy + cell, positions + cell, last - (wz * fh * fw + wy * fw + wx), inC);
                } else addAsDoubles(sums, dy + cell, inC);
              }
            }
          }
          storeScaled(dx + inputPixel(g, b, z, iy, ix), sums, inC, multiplier, 1);
        }
      }
    }
  }
}

/** The output index o with o·stride = at, within [0, size); -1 when there is none. */
@inline
function windowIndex(at: i32, stride: i32, size: i32): i32 {
  if (at < 0 || at % stride != 0) return -1;
  const o = at / stride;
  return o < size ? o : -1;
}

function zeroDoubles(sums: usize, n: i32): void {
  zeroFloats(sums, n << 1);
}

/** sums[0..n) (float64) += the float32 values at `values`, two at a time. */
function addAsDoubles(sums: usize, values: usize, n: i32): void {
  let c = 0;
  for (; c + 4 <= n; c += 4) {
    const v = v128.load(values + (<usize>c << 2));
    const at = sums + (<usize>c << 3);
    v128.store(at, f64x2.add(v128.load(at), f64x2.promote_low_f32x4(v)));
    const high = v128.shuffle<i32>(v, v, 2, 3, 0, 1);
    v128.store(at, f64x2.add(v128.load(at, 16), f64x2.promote_low_f32x4(high)), 16);
  }
  for (; c < n; c++) {
    const at = sums + (<usize>c << 3);
    store<f64>(at, load<f64>(at) + <f64>load<f32>(values + (<usize>c << 2)));
  }
}

/**
 * sums[c] (float64) += values[c] where positions[c] == position, for c < n, four at a time. Elsewhere it adds
 * +0, which leaves a sum that started at +0 as it is (such a sum is never -0), as skipping it would.
 */
function addWhereRecorded(sums: usize, values: usize, positions: usize, position: i32, n: i32): void {
  const wanted = i32x4.splat(position);
  let c = 0;
  for (; c + 4 <= n; c += 4) {
    const hit = i32x4.eq(v128.load(positions + (<usize>c << 2)), wanted);
    if (!v128.any_true(hit)) continue;
    const v = v128.and(v128.load(values + (<usize>c << 2)), hit);
    const at = sums + (<usize>c << 3);
    v128.store(at, f64x2.add(v128.load(at), f64x2.promote_low_f32x4(v)));
    const high = v128.shuffle<i32>(v, v, 2, 3, 0, 1);
    v128.store(at, f64x2.add(v128.load(at, 16), f64x2.promote_low_f32x4(high)), 16);
  }
  for (; c < n; c++) {
    if (load<i32>(positions + (<usize>c << 2)) != position) continue;
    const at = sums + (<usize>c << 3);
    store<f64>(at, load<f64>(at) + <f64>load<f32>(values + (<usize>c << 2)));
  }
}

/** out[c] = float32(sums[c] · multiplier / divisor) for c < n, the float64 steps of the CPU's JavaScript. */
function storeScaled(out: usize, sums: usize, n: i32, multiplier: f64, divisor: f64): void {
  for (let c = 0; c < n; c++) {
    store<f32>(out + (<usize>c << 2), <f32>(load<f64>(sums + (<usize>c << 3)) * multiplier / divisor));
  }
}
