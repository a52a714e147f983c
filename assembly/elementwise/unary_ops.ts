// The math of each unary op on 4 lanes; p0, p1 carry the op's attributes (alpha, clip bounds).
// `unaryOp` is only called with a constant op, so after inlining every kernel keeps just its own branch.
import { choose, splatF } from '../simd/lanes';
import { castF32ToI32 } from './scalar';
import { vsinCos } from './vtrig';
import { erfV, expm1V, expV, log1pV, logV, sigmoidV, softplusV, tanhV } from '../math/index';

export const NEG: i32 = 0;
export const EXP: i32 = 1;
export const LOG: i32 = 2;
export const LOG1P: i32 = 3;
export const EXPM1: i32 = 4;
export const SQRT: i32 = 5;
export const RSQRT: i32 = 6;
export const SQUARE: i32 = 7;
export const ABS: i32 = 8;
export const SIGN: i32 = 9;
export const RELU: i32 = 10;
export const RELU6: i32 = 11;
export const ELU: i32 = 12;
export const SELU: i32 = 13;
export const LEAKY_RELU: i32 = 14;
export const SIGMOID: i32 = 15;
export const SOFTPLUS: i32 = 16;
export const TANH: i32 = 17;
export const STEP: i32 = 18;
export const CLIP: i32 = 19;
export const RECIPROCAL: i32 = 20;
export const FLOOR: i32 = 21;
export const CEIL: i32 = 22;
export const ROUND: i32 = 23;
export const SIN: i32 = 24;
export const COS: i32 = 25;
export const ERF: i32 = 26;
export const IS_NAN: i32 = 27;
export const IS_INF: i32 = 28;
export const IS_FINITE: i32 = 29;
export const NONZERO: i32 = 30;
export const F32_TO_I32: i32 = 31;
export const NEG_I: i32 = 40;
export const ABS_I: i32 = 41;
export const I32_TO_F32: i32 = 42;
export const NONZERO_I: i32 = 43;
export const COPY: i32 = 44;
export const NOT: i32 = 45;

const SELU_SCALE: f32 = <f32>1.0507009873554804934193349852946;
const SELU_SCALE_ALPHA: f32 = <f32>1.7580993408473768599402175208123;
const INF: f32 = Infinity;

/** Whether an op is a few instructions a vector: its loop then runs four vectors a step. */
@inline export function isCheap(op: i32): bool {
  return op == NEG || op == SQUARE || op == ABS || op == RELU || op == RELU6 || op == LEAKY_RELU || op == STEP ||
    op == CLIP || op == NEG_I || op == COPY || op == NOT || op == I32_TO_F32 || op == NONZERO || op == NONZERO_I;
}

/**
 * Whether an op is one of the exp or log polynomials models run most (recurrent gates, losses): its loop runs
 * two vectors a step, 1.14–1.28× faster. The rarer ones (log1p, expm1, elu, selu, softplus) gain as much but
 * stay one vector a step, to keep the module small (a page must download no more than tfjs-backend-wasm's).
 */
@inline export function isPolynomial(op: i32): bool {
  return op == EXP || op == LOG || op == SIGMOID || op == TANH;
}

@inline export function unaryOp(op: i32, x: v128, p0: f32, p1: f32): v128 {
  const zero = splatF(0);
  if (op == NEG) return f32x4.neg(x);
  if (op == EXP) return expV(x);
  if (op == LOG) return logV(x);
  if (op == LOG1P) return log1pV(x);
  if (op == EXPM1) return expm1V(x);
  if (op == SQRT) return f32x4.sqrt(x);
  if (op == RSQRT) return f32x4.div(splatF(1.0), f32x4.sqrt(x));
  if (op == SQUARE) return f32x4.mul(x, x);
  if (op == ABS) return f32x4.abs(x);
  if (op == SIGN) { // NaN and ±0 give 0
    const negative = v128.and(f32x4.lt(x, zero), splatF(-1.0));
    return v128.or(negative, v128.and(f32x4.gt(x, zero), splatF(1.0)));
  }
  // max(x, 0) and min(·, 6) as pseudo-max and pseudo-min (one instruction each on x86, where max and min take
  // eight) of x + 0, which turns -0 into +0 (the only value they would order differently) and keeps NaN.
  if (op == RELU) return f32x4.pmax(f32x4.add(x, zero), zero);
  if (op == RELU6) return f32x4.pmin(f32x4.pmax(f32x4.add(x, zero), zero), splatF(6.0));
  if (op == ELU) return choose(f32x4.ge(x, zero), x, expm1V(x));
  if (op == SELU) {
    const negative = f32x4.mul(expm1V(x), splatF(SELU_SCALE_ALPHA));
    return choose(f32x4.ge(x, zero), f32x4.mul(x, splatF(SELU_SCALE)), negative);
  }
  if (op == LEAKY_RELU) return choose(f32x4.lt(x, zero), f32x4.mul(x, splatF(p0)), x);
  if (op == SIGMOID) return sigmoidV(x);
  if (op == SOFTPLUS) return softplusV(x);
  if (op == TANH) return tanhV(x);
  if (op == STEP) return choose(f32x4.ne(x, x), x, choose(f32x4.gt(x, zero), splatF(1.0), splatF(p0)));
  // x < p0 ? p0 : x is pmax(x, p0) exactly (NaN and -0 included): one instruction instead of a compare and a select.
  if (op == CLIP) return choose(f32x4.gt(x, splatF(p1)), splatF(p1), f32x4.pmax(x, splatF(p0)));
  if (op == RECIPROCAL) return f32x4.div(splatF(1.0), x);
  if (op == FLOOR) return f32x4.floor(x);
  if (op == CEIL) return f32x4.ceil(x);
  if (op == ROUND) return f32x4.nearest(x); // ties to even, as tfjs rounds
  if (op == SIN) return vsinCos(x, 0);
  if (op == COS) return vsinCos(x, 1);
  if (op == ERF) return erfV(x);
  if (op == IS_NAN) return f32x4.ne(x, x);
  if (op == IS_INF) return f32x4.eq(f32x4.abs(x), splatF(INF));
  if (op == IS_FINITE) return f32x4.lt(f32x4.abs(x), splatF(INF));
  if (op == NONZERO) return f32x4.ne(x, zero); // NaN counts as nonzero
  if (op == F32_TO_I32) return castF32ToI32(x);
  if (op == NEG_I) return i32x4.neg(x);
  // tfjs-backend-cpu takes |x| through a Float32Array: above 2^24 it rounds to float32, as here.
  if (op == ABS_I) return castF32ToI32(f32x4.convert_i32x4_s(i32x4.abs(x)));
  if (op == I32_TO_F32) return f32x4.convert_i32x4_s(x);
  if (op == NONZERO_I) return i32x4.ne(x, i32x4.splat(0));
  if (op == NOT) return i32x4.eq(x, i32x4.splat(0));
  return x; // COPY: the lanes as loaded (bool widened to int32)
}
