// Reductions over a middle axis: out[o, i] = x[o, 0, i] op x[o, 1, i] op … op x[o, n - 1, i].
// Vectorised across the contiguous inner axis i, so no transpose is needed; each column folds in index order.
import { combineScalar, combineVec, lanes } from './ops';
import { fixZeroSigns } from './zeros';

/** Float32 column sums add up in f32 over this many rows, then into f64 totals. */
const SUM_BLOCK: i32 = 64;

@inline export function reduceColumns<T>(
  op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32,
): void {
  const L = lanes<T>();
  const bytes = <usize>sizeof<T>();
  const rowBytes = <usize>inner * bytes;
  for (let o = 0; o < outer; o++) {
    const base = x + <usize>o * <usize>n * rowBytes;
    const dst = out + <usize>o * rowBytes;
    let i = 0;
    for (; i + 4 * L <= inner; i += 4 * L) {
      let q = base + <usize>i * bytes;
      let a0 = v128.load(q), a1 = v128.load(q, 16), a2 = v128.load(q, 32), a3 = v128.load(q, 48);
      for (let k = 1; k < n; k++) {
        q += rowBytes;
        a0 = combineVec<T>(op, a0, v128.load(q));
        a1 = combineVec<T>(op, a1, v128.load(q, 16));
        a2 = combineVec<T>(op, a2, v128.load(q, 32));
        a3 = combineVec<T>(op, a3, v128.load(q, 48));
      }
      const d = dst + <usize>i * bytes;
      v128.store(d, a0);
      v128.store(d, a1, 16);
      v128.store(d, a2, 32);
      v128.store(d, a3, 48);
    }
    for (; i + L <= inner; i += L) {
      let q = base + <usize>i * bytes;
      let a = v128.load(q);
      for (let k = 1; k < n; k++) {
        q += rowBytes;
        a = combineVec<T>(op, a, v128.load(q));
      }
      v128.store(dst + <usize>i * bytes, a);
    }
    for (; i < inner; i++) {
      let q = base + <usize>i * bytes;
      let a = load<T>(q);
      for (let k = 1; k < n; k++) {
        q += rowBytes;
        a = combineScalar<T>(op, a, load<T>(q));
      }
      store<T>(dst + <usize>i * bytes, a);
    }
    if (isFloat<T>()) fixZeroSigns(base, dst, n, inner);
  }
}

/** f32 lanes 0,1 and 2,3 of v as two f64x2. */
@inline function promoteLow(v: v128): v128 {
  return f64x2.promote_low_f32x4(v);
}
@inline function promoteHigh(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<i32>(v, v, 2, 3, 0, 1));
}
/** (lo / d, hi / d) rounded to float32 and packed into 4 lanes. */
@inline function demoteDivided(lo: v128, hi: v128, d: v128): v128 {
  const a = f32x4.demote_f64x2_zero(f64x2.div(lo, d));
  const b = f32x4.demote_f64x2_zero(f64x2.div(hi, d));
  return v128.shuffle<i32>(a, b, 0, 1, 4, 5);
}

/** Column sums of float32, blocked over rows with f64 totals; results divided by `divisor` (Mean). */
@inline export function sumColumnsF32(x: usize, out: usize, outer: i32, n: i32, inner: i32, divisor: f64): void {
  const rowBytes = <usize>inner << 2;
  const d = f64x2.splat(divisor);
  for (let o = 0; o < outer; o++) {
    const base = x + <usize>o * <usize>n * rowBytes;
    const dst = out + <usize>o * rowBytes;
    let i = 0;
    for (; i + 8 <= inner; i += 8) {
      let t0 = f64x2.splat(0), t1 = f64x2.splat(0), t2 = f64x2.splat(0), t3 = f64x2.splat(0);
      let q = base + (<usize>i << 2);
      for (let kb = 0; kb < n; kb += SUM_BLOCK) {
        const end = min(kb + SUM_BLOCK, n);
        let a0 = f32x4.splat(0), a1 = f32x4.splat(0);
        for (let k = kb; k < end; k++) {
          a0 = f32x4.add(a0, v128.load(q));
          a1 = f32x4.add(a1, v128.load(q, 16));
          q += rowBytes;
        }
        t0 = f64x2.add(t0, promoteLow(a0));
        t1 = f64x2.add(t1, promoteHigh(a0));
        t2 = f64x2.add(t2, promoteLow(a1));
        t3 = f64x2.add(t3, promoteHigh(a1));
      }
      const p = dst + (<usize>i << 2);
      v128.store(p, demoteDivided(t0, t1, d));
      v128.store(p, demoteDivided(t2, t3, d), 16);
    }
    for (; i + 4 <= inner; i += 4) {
      let t0 = f64x2.splat(0), t1 = f64x2.splat(0);
      let q = base + (<usize>i << 2);
      for (let kb = 0; kb < n; kb += SUM_BLOCK) {
        const end = min(kb + SUM_BLOCK, n);
        let a0 = f32x4.splat(0);
        for (let k = kb; k < end; k++) {
          a0 = f32x4.add(a0, v128.load(q));
          q += rowBytes;
        }
        t0 = f64x2.add(t0, promoteLow(a0));
        t1 = f64x2.add(t1, promoteHigh(a0));
      }
      v128.store(dst + (<usize>i << 2), demoteDivided(t0, t1, d));
    }
    for (; i < inner; i++) {
      let q = base + (<usize>i << 2);
      let t: f64 = 0;
      for (let k = 0; k < n; k++) {
        t += <f64>load<f32>(q);
        q += rowBytes;
      }
      store<f32>(dst + (<usize>i << 2), <f32>(t / divisor));
    }
  }
}
