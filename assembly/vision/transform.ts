// Transform (tf.image.transform, projective warps): output pixel (x, y) of image b samples the input at
//   ((t0·x + t1·y + t2) / p, (t3·x + t4·y + t5) / p),   p = t6·x + t7·y + 1,
// the fill mode mapping coordinates outside the image (constant, reflect, wrap or nearest), then the nearest
// pixel or a bilinear blend, where pixels outside the image read fillValue. All in float64 as tfjs-backend-cpu
// computes it (including its reflect and wrap arithmetic), each output rounded to float32 once. p = 0 gives
// fillValue.
import { roundHalfUp } from '../math/round';
import { copyFloats, fillFloats } from '../simd/copy';

const FILL_CONSTANT = 0;
const FILL_REFLECT = 1;
const FILL_WRAP = 2;

export function transform(
  out: usize, image: usize, transforms: usize, perImage: bool, batch: i32, inH: i32, inW: i32, channels: i32,
  outH: i32, outW: i32, bilinear: bool, fillMode: i32, fillValue: f64,
): void {
  const pixelBytes = <usize>channels << 2;
  const imageBytes = <usize>inH * <usize>inW * pixelBytes;
  let pixel = out;
  for (let b = 0; b < batch; b++) {
    const t = transforms + (perImage ? <usize>b << 5 : 0);
    const src = image + <usize>b * imageBytes;
    for (let outY = 0; outY < outH; outY++) {
      const y = <f64>outY;
      for (let outX = 0; outX < outW; outX++, pixel += pixelBytes) {
        const x = <f64>outX;
        const projection = coefficient(t, 6) * x + coefficient(t, 7) * y + 1;
        if (projection == 0) {
          fillFloats(pixel, channels, <f32>fillValue);
          continue;
        }
        const inX = mapCoord((coefficient(t, 0) * x + coefficient(t, 1) * y + coefficient(t, 2)) / projection, inW, fillMode);
        const inY = mapCoord((coefficient(t, 3) * x + coefficient(t, 4) * y + coefficient(t, 5)) / projection, inH, fillMode);
        if (bilinear) bilinearPixel(pixel, src, inH, inW, channels, inY, inX, fillValue);
        else nearestPixel(pixel, src, inH, inW, channels, roundHalfUp(inY), roundHalfUp(inX), fillValue);
      }
    }
  }
}

@inline function coefficient(t: usize, k: i32): f64 {
  return <f64>load<f32>(t + (<usize>k << 2));
}

/** A coordinate outside [0, len - 1] brought back in as the fill mode says (constant: left as is). */
function mapCoord(v: f64, len: i32, mode: i32): f64 {
  const n = <f64>len;
  if (mode == FILL_CONSTANT) return v;
  let c = v;
  if (mode == FILL_REFLECT) {
    // [abcd] reflected to [dcba|abcd|dcba].
    if (c < 0) {
      if (len <= 1) c = 0;
      else {
        const twice = 2 * n;
        if (c < twice) c = twice * Math.trunc(-c / twice) + c;
        c = c < -n ? c + twice : -c - 1;
      }
    } else if (c > n - 1) {
      if (len <= 1) c = 0;
      else {
        const twice = 2 * n;
        c -= twice * Math.trunc(c / twice);
        if (c >= n) c = twice - c - 1;
      }
    }
  } else if (mode == FILL_WRAP) {
    // [abcd] wrapped to [abcd|abcd|abcd].
    if (c < 0) {
      if (len <= 1) c = 0;
      else c += n * (Math.trunc(-c / (n - 1)) + 1);
    } else if (c > n - 1) {
      if (len <= 1) c = 0;
      else c -= n * Math.trunc(c / (n - 1));
    }
  }
  return max(0, min(c, n - 1));
}

/**
 * The blend of the four pixels around (y, x), those outside the image reading fillValue: per channel
 *   ((yCeil − y)·((xCeil − x)·f(yFloor, xFloor) + (x − xFloor)·f(yFloor, xCeil))
 *    + (y − yFloor)·((xCeil − x)·f(yCeil, xFloor) + (x − xFloor)·f(yCeil, xCeil))),
 * cpu's expression; the weights and which pixels lie inside are worked out once for all channels.
 */
function bilinearPixel(pixel: usize, src: usize, h: i32, w: i32, channels: i32, y: f64, x: f64, fillValue: f64): void {
  const yFloor = Math.floor(y);
  const xFloor = Math.floor(x);
  const yCeil = yFloor + 1;
  const xCeil = xFloor + 1;
  const left = xCeil - x;
  const right = x - xFloor;
  const up = yCeil - y;
  const down = y - yFloor;
  const topLeft = pixelAt(src, h, w, channels, yFloor, xFloor);
  const topRight = pixelAt(src, h, w, channels, yFloor, xCeil);
  const bottomLeft = pixelAt(src, h, w, channels, yCeil, xFloor);
  const bottomRight = pixelAt(src, h, w, channels, yCeil, xCeil);
  for (let c = 0; c < channels; c++) {
    const at = <usize>c << 2;
    const valueYFloor = left * channelOr(topLeft, at, fillValue) + right * channelOr(topRight, at, fillValue);
    const valueYCeil = left * channelOr(bottomLeft, at, fillValue) + right * channelOr(bottomRight, at, fillValue);
    store<f32>(pixel + at, <f32>(up * valueYFloor + down * valueYCeil));
  }
}

/** The pixel nearest to (y, x) (already rounded), or fillValue in every channel outside the image. */
function nearestPixel(pixel: usize, src: usize, h: i32, w: i32, channels: i32, y: f64, x: f64, fillValue: f64): void {
  const from = pixelAt(src, h, w, channels, y, x);
  if (from == 0) fillFloats(pixel, channels, <f32>fillValue);
  else copyFloats(pixel, from, channels);
}

/** The address of pixel (y, x), whole numbers, or 0 outside the image (NaN included). */
@inline function pixelAt(src: usize, h: i32, w: i32, channels: i32, y: f64, x: f64): usize {
  if (!(0 <= y && y < <f64>h && 0 <= x && x < <f64>w)) return 0;
  return src + (((<usize>(<i32>y) * <usize>w + <usize>(<i32>x)) * <usize>channels) << 2);
}

@inline function channelOr(pixel: usize, at: usize, fillValue: f64): f64 {
  return pixel == 0 ? fillValue : <f64>load<f32>(pixel + at);
}
