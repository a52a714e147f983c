// exp of float32 values by the vectorised exp that softmax uses (assembly/math/exp.ts), exported so that tests
// can check the approximation itself.
import { expScalar, expV } from '../math/exp';

/** out[i] = exp(x[i]) for n values. */
export function reduce_exp_f32(x: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, expV(v128.load(x + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, expScalar(load<f32>(x + o)));
  }
}
