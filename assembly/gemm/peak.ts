// The machine's WebAssembly SIMD speed limit: twelve independent multiply-add chains held in registers,
// no memory traffic. Each iteration does 12 · 4 multiply-adds = 96 flops; the GEMM is judged against it.
// The two operands are loaded from memory once: as constants, Binaryen puts a v128.const at every use
// (seed 1 is a constant after inlining), and V8 15 (Deno) rematerialises each one inside the loop
// (a scalar load, a GPR→XMM move and a shuffle per multiply-add), which measured 10 GFLOPS instead of 46.
import { madd } from '../simd/madd';

/** 1 and 0.999 in every lane: the chains converge to 1000, far from overflow and denormals. */
const OPERANDS = memory.data<f32>([1, 1, 1, 1, 0.999, 0.999, 0.999, 0.999]);

export function peakLoop(iterations: i32, seed: f32): f32 {
  const x = f32x4.mul(v128.load(OPERANDS), f32x4.splat(seed));
  const y = v128.load(OPERANDS, 16);
  let c0 = x, c1 = x, c2 = x, c3 = x, c4 = x, c5 = x;
  let c6 = x, c7 = x, c8 = x, c9 = x, c10 = x, c11 = x;
  for (let i = 0; i < iterations; i++) {
    c0 = madd(c0, y, x); c1 = madd(c1, y, x); c2 = madd(c2, y, x); c3 = madd(c3, y, x);
    c4 = madd(c4, y, x); c5 = madd(c5, y, x); c6 = madd(c6, y, x); c7 = madd(c7, y, x);
    c8 = madd(c8, y, x); c9 = madd(c9, y, x); c10 = madd(c10, y, x); c11 = madd(c11, y, x);
  }
  const sum = f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)),
    f32x4.add(f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7)), f32x4.add(f32x4.add(c8, c9), f32x4.add(c10, c11))));
  return f32x4.extract_lane(sum, 0);
}
