// @ts-check
// Element-wise kernels: unary, binary with broadcasting, select and addN.
import fc from 'fast-check';
import { floatValue, shapeArb, tensorOfShape } from './arbitraries.mjs';
import { broadcastPair, oneTensor, sameShape, TOL, withDy } from './cases.mjs';

const ALL = ['float32', 'int32', 'bool'];
const NUMERIC = ['float32', 'int32'];

/** Gradients through 1 − f(x)² or f(x)(1 − f(x)) lose the absolute error of f near ±1 (a few ulps of 1, times |dy| ≤ 2). */
const SATURATING_GRADIENT = { rtol: 1e-5, atol: 5e-7 };

/**
 * tfjs-backend-cpu's erf is Abramowitz-Stegun 7.1.26 (absolute error 1.5e-7), as is simd's, in float32: near 0
 * the formula subtracts from 1, so both carry an absolute error of a few ulps of 1.
 */
const ERF_TOL = { rtol: 2e-6, atol: 3e-7 };

/**
 * int32 pow beyond 2^53 is V8's float64 pow (not always correctly rounded: 237264366^3 is one ulp off) wrapped
 * to int32. Bases and exponents are kept so that |a^b| <= 13^14 < 2^53: every power is exact, and still wraps.
 */
const POW_INT_OPERANDS = [fc.integer({ min: -13, max: 13 }), fc.integer({ min: -2, max: 14 })];

/**
 * @typedef {import('./cases.mjs').CaseOptions & { tol?: { rtol: number, atol: number }, [more: string]: any }} OpOptions
 */

/**
 * @param {string} name
 * @param {string[]} kernels
 * @param {Function} fn
 * @param {OpOptions} [options]
 */
function unary(name, kernels, fn, { dtypes = ['float32'], tol = TOL.exact, ...rest } = {}) {
  return { name, kernels, arb: withDy(oneTensor({ dtypes })), run: ([x], p) => fn(x, p), tol, ...rest };
}

// Gradients of a broadcast operand are sums of dy over the broadcast axes: summation tolerance.
/**
 * @param {string} name
 * @param {string[]} kernels
 * @param {Function} fn
 * @param {OpOptions} [options]
 */
function binary(name, kernels, fn, { dtypes = ['float32'], tol = TOL.exact, valueArbs, ...rest } = {}) {
  return {
    name,
    kernels,
    arb: withDy(broadcastPair({ dtypes, valueArbs })),
    run: ([a, b]) => fn(a, b),
    tol,
    gradTol: TOL.summation,
    gradScale: 'abs',
    ...rest,
  };
}

export function elementwiseOps(tf) {
  return [
    unary('abs', ['Abs'], tf.abs, { dtypes: NUMERIC }),
    unary('neg', ['Neg'], tf.neg, { dtypes: NUMERIC }),
    unary('ceil', ['Ceil'], tf.ceil),
    unary('floor', ['Floor'], tf.floor),
    unary('round', ['Round'], tf.round),
    unary('sign', ['Sign'], tf.sign, { dtypes: NUMERIC }),
    unary('step', ['Step'], (x) => tf.step(x, 0.25)),
    unary('relu', ['Relu'], tf.relu, { dtypes: NUMERIC }),
    unary('relu6', ['Relu6'], tf.relu6, { dtypes: NUMERIC }),
    unary('leakyRelu', ['LeakyRelu'], (x) => tf.leakyRelu(x, 0.2), { tol: TOL.ulp }),
    unary('prelu', ['Prelu'], (x) => tf.prelu(x, tf.scalar(-0.3)), { tol: TOL.ulp }),
    unary('square', ['Square'], tf.square, { dtypes: NUMERIC, tol: TOL.ulp }),
    unary('sqrt', ['Sqrt'], tf.sqrt, { tol: TOL.ulp }),
    unary('rsqrt', ['Rsqrt'], tf.rsqrt, { tol: TOL.fewUlps }),
    unary('reciprocal', ['Reciprocal'], tf.reciprocal, { tol: TOL.ulp }),
    unary('exp', ['Exp'], tf.exp, { tol: TOL.transcendental }),
    unary('expm1', ['Expm1'], tf.expm1, { tol: TOL.transcendental }),
    unary('log', ['Log'], tf.log, { tol: TOL.transcendental }),
    unary('log1p', ['Log1p'], tf.log1p, { tol: TOL.transcendental }),
    unary('sin', ['Sin'], tf.sin, { tol: TOL.transcendental }),
    unary('cos', ['Cos'], tf.cos, { tol: TOL.transcendental }),
    unary('tanh', ['Tanh'], tf.tanh, { tol: TOL.transcendental, gradTol: SATURATING_GRADIENT }),
    unary('sigmoid', ['Sigmoid'], tf.sigmoid, { tol: TOL.transcendental, gradTol: SATURATING_GRADIENT }),
    unary('softplus', ['Softplus'], tf.softplus, { tol: TOL.transcendental, gradTol: SATURATING_GRADIENT }),
    unary('erf', ['Erf'], tf.erf, { tol: ERF_TOL, gradTol: { ...ERF_TOL, rtol: 1e-5 } }),
    unary('elu', ['Elu', 'EluGrad'], tf.elu, { tol: TOL.transcendental, gradTol: SATURATING_GRADIENT }),
    unary('selu', ['Selu'], tf.selu, { tol: TOL.transcendental, gradTol: SATURATING_GRADIENT }),
    unary('clipByValue', ['ClipByValue'], (x) => tf.clipByValue(x, -1.5, 0.75)),
    unary('isNaN', ['IsNan'], tf.isNaN),
    unary('isInf', ['IsInf'], tf.isInf),
    unary('isFinite', ['IsFinite'], tf.isFinite),
    unary('logicalNot', ['LogicalNot'], tf.logicalNot, { dtypes: ['bool'] }),
    unary('onesLike', ['OnesLike'], tf.onesLike, { dtypes: ALL }),
    unary('zerosLike', ['ZerosLike'], tf.zerosLike, { dtypes: ALL }),
    unary('clone', ['Identity'], tf.clone, { dtypes: ALL }),
    {
      // tfjs-backend-cpu keeps int32 → float32 casts as int32 values (2147483647 stays); simd rounds to float32.
      name: 'cast',
      kernels: ['Cast'],
      tol: TOL.ulp,
      arb: withDy(
        fc.tuple(oneTensor({ dtypes: ALL }), fc.constantFrom(...ALL)).map(([c, to]) => ({ ...c, params: { to } })),
      ),
      run: ([x], { to }) => tf.cast(x, to),
    },
    binary('add', ['Add'], tf.add, { dtypes: NUMERIC, tol: TOL.ulp }),
    binary('sub', ['Sub'], tf.sub, { dtypes: NUMERIC, tol: TOL.ulp }),
    binary('mul', ['Multiply'], tf.mul, { dtypes: NUMERIC, tol: TOL.ulp }),
    binary('div', ['RealDiv', 'FloorDiv'], tf.div, { dtypes: NUMERIC, tol: TOL.ulp }),
    binary('floorDiv', ['FloorDiv'], tf.floorDiv, { dtypes: NUMERIC, tol: TOL.ulp }),
    binary('mod', ['Mod'], tf.mod, { dtypes: NUMERIC, tol: TOL.fewUlps }),
    binary('pow', ['Pow'], tf.pow, { tol: TOL.transcendental }),
    binary('pow (int32)', ['Pow'], tf.pow, { dtypes: ['int32'], valueArbs: POW_INT_OPERANDS }),
    binary('maximum', ['Maximum'], tf.maximum, { dtypes: NUMERIC }),
    binary('minimum', ['Minimum'], tf.minimum, { dtypes: NUMERIC }),
    // cpu squares the float64 difference (one rounding), simd the float32 one (two).
    binary('squaredDifference', ['SquaredDifference'], tf.squaredDifference, { dtypes: NUMERIC, tol: TOL.fewUlps }),
    binary('prelu (tensor alpha)', ['Prelu'], tf.prelu, { tol: TOL.ulp }),
    binary('equal', ['Equal'], tf.equal, { dtypes: ALL }),
    binary('notEqual', ['NotEqual'], tf.notEqual, { dtypes: ALL }),
    binary('greater', ['Greater'], tf.greater, { dtypes: ALL }),
    binary('greaterEqual', ['GreaterEqual'], tf.greaterEqual, { dtypes: ALL }),
    binary('less', ['Less'], tf.less, { dtypes: ALL }),
    binary('lessEqual', ['LessEqual'], tf.lessEqual, { dtypes: ALL }),
    binary('logicalAnd', ['LogicalAnd'], tf.logicalAnd, { dtypes: ['bool'] }),
    binary('logicalOr', ['LogicalOr'], tf.logicalOr, { dtypes: ['bool'] }),
    {
      name: 'where',
      kernels: ['Select'],
      tol: TOL.exact,
      gradInputs: [1, 2],
      arb: withDy(
        fc
          .tuple(shapeArb(), fc.constantFrom(...ALL), fc.boolean())
          .chain(([shape, dtype, scalarCond]) =>
            fc.tuple(
              tensorOfShape(scalarCond && shape.length ? shape.slice(0, 1) : shape, 'bool'),
              tensorOfShape(shape, dtype),
              tensorOfShape(shape, dtype),
            ),
          )
          .map((inputs) => ({ inputs })),
      ),
      run: ([c, a, b]) => tf.where(c, a, b),
    },
    {
      name: 'addN',
      kernels: ['AddN'],
      tol: TOL.summation,
      scale: 'abs',
      arb: withDy(fc.integer({ min: 1, max: 5 }).chain((n) => sameShape(n, { dtypes: NUMERIC }))),
      run: (xs) => tf.addN(xs),
    },
    {
      name: 'pow (float base, integer exponent)',
      kernels: ['Pow'],
      tol: TOL.transcendental,
      arb: withDy(
        fc
          .tuple(shapeArb())
          .chain(([shape]) =>
            fc.tuple(
              tensorOfShape(shape, 'float32', floatValue),
              tensorOfShape(shape, 'float32', fc.integer({ min: -4, max: 4 })),
            ),
          )
          .map((inputs) => ({ inputs })),
      ),
      run: ([a, b]) => tf.pow(a, b),
    },
  ];
}
