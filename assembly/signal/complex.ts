// complex64 tensors are interleaved float32 pairs [re, im]: building them from two float32 tensors, taking
// their parts, and their magnitude.

export function signal_complex_c64(out: usize, re: usize, im: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const at = out + (<usize>i << 3);
    store<f32>(at, load<f32>(re + (<usize>i << 2)));
    store<f32>(at, load<f32>(im + (<usize>i << 2)), 4);
  }
}

/** out[i] = the real (part 0) or imaginary (part 1) half of x[i]. */
export function signal_part_c64(out: usize, x: usize, n: i32, part: i32): void {
  const from = x + (<usize>part << 2);
  for (let i = 0; i < n; i++) store<f32>(out + (<usize>i << 2), load<f32>(from + (<usize>i << 3)));
}

/** |x| = √(re² + im²) in float64 (squares of float32 are exact there), rounded once; ∞ if a part is ±∞. */
export function signal_complex_abs_c64(out: usize, x: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const re = <f64>load<f32>(x + (<usize>i << 3));
    const im = <f64>load<f32>(x + (<usize>i << 3), 4);
    const magnitude = Math.abs(re) == Infinity || Math.abs(im) == Infinity ? Infinity : Math.sqrt(re * re + im * im);
    store<f32>(out + (<usize>i << 2), <f32>magnitude);
  }
}
