// FFT and IFFT along the innermost axis of complex64 rows (re, im float32 interleaved), in float64:
//   X[k] = Σ_j x[j]·e^(∓2πi·jk/n)   (÷ n for the inverse),   each output rounded to float32 once.
// Rows of a power-of-two length run the iterative radix-2 Cooley–Tukey transform; other lengths the direct sum
// with the angles tfjs-backend-cpu uses, ±2π·(jk / n). A complex number is one f64x2 [re, im].

/** Bytes of scratch signal_fft_c64 needs for rows of length n. */
export function signal_fft_scratch_bytes(n: i32): i32 {
  return isPowerOfTwo(n) ? n * 16 + (n >> 1) * 16 : 0;
}

export function signal_fft_c64(out: usize, x: usize, rows: i32, n: i32, inverse: bool, scratch: usize): void {
  const rowBytes = <usize>n << 3;
  if (isPowerOfTwo(n)) {
    const twiddles = scratch + (<usize>n << 4);
    fillTwiddles(twiddles, n, inverse);
    for (let r = 0; r < rows; r++) radix2Row(out + <usize>r * rowBytes, x + <usize>r * rowBytes, n, inverse, scratch, twiddles);
  } else {
    for (let r = 0; r < rows; r++) directRow(out + <usize>r * rowBytes, x + <usize>r * rowBytes, n, inverse);
  }
}

@inline function isPowerOfTwo(n: i32): bool {
  return n > 0 && (n & (n - 1)) == 0;
}

/** The angle of e^(∓2πi·k/n) as cpu computes it. */
@inline function angle(k: f64, n: i32, inverse: bool): f64 {
  return (inverse ? 2 : -2) * Math.PI * (k / <f64>n);
}

@inline function unit(theta: f64): v128 {
  return f64x2.replace_lane(f64x2.splat(Math.cos(theta)), 1, Math.sin(theta));
}

/** (a + bi)(c + di) on [re, im] pairs. */
@inline function times(u: v128, w: v128): v128 {
  const re = f64x2.extract_lane(u, 0) * f64x2.extract_lane(w, 0) - f64x2.extract_lane(u, 1) * f64x2.extract_lane(w, 1);
  const im = f64x2.extract_lane(u, 0) * f64x2.extract_lane(w, 1) + f64x2.extract_lane(u, 1) * f64x2.extract_lane(w, 0);
  return f64x2.replace_lane(f64x2.splat(re), 1, im);
}

@inline function widen(at: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(at));
}

/** Stores [re, im] (divided by n for the inverse) as two float32. */
@inline function narrow(at: usize, v: v128, n: i32, inverse: bool): void {
  const value = inverse ? f64x2.div(v, f64x2.splat(<f64>n)) : v;
  v128.store64_lane(at, f32x4.demote_f64x2_zero(value), 0);
}

function fillTwiddles(twiddles: usize, n: i32, inverse: bool): void {
  for (let k = 0; k < n >> 1; k++) v128.store(twiddles + (<usize>k << 4), unit(angle(<f64>k, n, inverse)));
}

function radix2Row(dst: usize, src: usize, n: i32, inverse: bool, work: usize, twiddles: usize): void {
  const bits = ctz(n);
  for (let i = 0; i < n; i++) {
    const j = bits == 0 ? 0 : <i32>(reverseBits(<u32>i) >>> (32 - bits));
    v128.store(work + (<usize>j << 4), widen(src + (<usize>i << 3)));
  }
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const top = work + (<usize>(start + k) << 4);
        const bottom = top + (<usize>half << 4);
        const a = v128.load(top);
        const b = times(v128.load(bottom), v128.load(twiddles + (<usize>(k * step) << 4)));
        v128.store(top, f64x2.add(a, b));
        v128.store(bottom, f64x2.sub(a, b));
      }
    }
  }
  for (let i = 0; i < n; i++) narrow(dst + (<usize>i << 3), v128.load(work + (<usize>i << 4)), n, inverse);
}

/** cpu's direct transform for lengths that are not a power of two: O(n²), angles ±2π·(jk / n). */
function directRow(dst: usize, src: usize, n: i32, inverse: bool): void {
  for (let k = 0; k < n; k++) {
    let sum = f64x2.splat(0);
    for (let j = 0; j < n; j++) sum = f64x2.add(sum, times(widen(src + (<usize>j << 3)), unit(angle(<f64>k * <f64>j, n, inverse))));
    narrow(dst + (<usize>k << 3), sum, n, inverse);
  }
}

@inline function reverseBits(v: u32): u32 {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  v = ((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8);
  return (v >>> 16) | (v << 16);
}
