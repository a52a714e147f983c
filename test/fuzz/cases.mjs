// @ts-check
// Building blocks of the op tables: a case is { inputs: [{ shape, dtype, values }], params, dySeed }.
import fc from 'fast-check';
import { broadcastPartnerArb, shapeArb, tensorOfShape } from './arbitraries.mjs';

/**
 * An op the fuzzer runs on both backends (ops.mjs lists them all).
 * @typedef {{ name: string, kernels: string[], arb: fc.Arbitrary<any>, run: (tensors: any, params?: any) => any,
 *   tol: { rtol: number, atol: number }, weight?: number, family?: string, [more: string]: any }} FuzzOp
 */

/**
 * The options of the case builders below, each taking those it needs.
 * @typedef {{ dtypes?: string[], valueArb?: fc.Arbitrary<any>, valueArbs?: fc.Arbitrary<any>[], minRank?: number,
 *   maxRank?: number, minDim?: number }} CaseOptions
 */

/**
 * Adds the seed of the gradient's dy to a { inputs, params } arbitrary.
 * @param {fc.Arbitrary<object>} arb
 */
export function withDy(arb) {
  return fc.tuple(arb, fc.integer({ min: 0, max: 2 ** 31 - 1 })).map(([c, dySeed]) => ({ params: {}, ...c, dySeed }));
}

/**
 * One tensor of a random shape and one of `dtypes`.
 * @param {CaseOptions} [options]
 */
export function oneTensor({ dtypes = ['float32'], valueArb, ...shapeOptions } = {}) {
  return fc
    .tuple(shapeArb(shapeOptions), fc.constantFrom(...dtypes))
    .chain(([shape, dtype]) => tensorOfShape(shape, dtype, valueArb))
    .map((t) => ({ inputs: [t] }));
}

/**
 * Two tensors of one dtype whose shapes broadcast against each other, in either order.
 * @param {CaseOptions} [options]
 */
export function broadcastPair({ dtypes = ['float32'], valueArbs = [], maxRank = 4 } = {}) {
  return fc
    .tuple(shapeArb({ maxRank }), fc.constantFrom(...dtypes))
    .chain(([shape, dtype]) =>
      broadcastPartnerArb(shape).chain(({ partner, swap }) => {
        const [sa, sb] = swap ? [partner, shape] : [shape, partner];
        return fc.tuple(tensorOfShape(sa, dtype, valueArbs[0]), tensorOfShape(sb, dtype, valueArbs[1]));
      }),
    )
    .map((inputs) => ({ inputs }));
}

/**
 * `count` tensors of the same random shape (and dtype).
 * @param {number} count
 * @param {CaseOptions} [options]
 */
export function sameShape(count, { dtypes = ['float32'], valueArbs = [], ...shapeOptions } = {}) {
  return fc
    .tuple(shapeArb(shapeOptions), fc.constantFrom(...dtypes))
    .chain(([shape, dtype]) =>
      fc.tuple(...Array.from({ length: count }, (_, i) => tensorOfShape(shape, dtype, valueArbs[i]))),
    )
    .map((inputs) => ({ inputs }));
}

/** Tolerances, named by how the two backends compute. */
export const TOL = {
  /** Bit-exact ops (moves, comparisons, exact float ops), up to one denormal step. */
  exact: { rtol: 0, atol: 1.5e-45 },
  /** One rounding on each side (float64 then float32 on cpu, float32 on simd): one ulp. */
  ulp: { rtol: 1.2e-7, atol: 1.5e-45 },
  /** A few ulps: two roundings, or a polynomial to ~1 ulp. */
  fewUlps: { rtol: 5e-7, atol: 1e-37 },
  /** Transcendental approximations in float32 against Math.* in float64. */
  transcendental: { rtol: 2e-6, atol: 1e-7 },
  /** Sums in a different order (condition measured by `scale`). */
  summation: { rtol: 2e-6, atol: 1e-6 },
  /** Composite gradients with several float32 roundings each. */
  gradient: { rtol: 1e-5, atol: 1e-6 },
};
