// @ts-check
// Reductions, scans, arg-reductions and softmax.
import fc from 'fast-check';
import { axesArb, axisArb, shapeArb, tensorOfShape } from './arbitraries.mjs';
import { TOL, withDy } from './cases.mjs';

/** A tensor with reduction axes (a set, null for all, or one axis) and keepDims. */
function reductionCase({ dtypes = ['float32'], minRank = 0, singleAxis = false, minDim = 0 } = {}) {
  return withDy(
    fc
      .tuple(shapeArb({ minRank, minDim }), fc.constantFrom(...dtypes))
      .chain(([shape, dtype]) =>
        fc.tuple(
          tensorOfShape(shape, dtype),
          singleAxis ? axisArb(shape.length) : fc.option(axesArb(shape.length), { nil: null }),
          fc.boolean(),
        ),
      )
      .map(([t, axis, keepDims]) => ({ inputs: [t], params: { axis, keepDims } })),
  );
}

/**
 * A product's rounding is relative, but float32 over- or underflow of a partial product depends on the order:
 * the case is only judged when the product of max(|x|, 1/|x|) over the axis stays within float32.
 */
const PRODUCT_RANGE = {
  map: (v) => (Number.isFinite(v) && v !== 0 ? Math.max(Math.abs(v), 1 / Math.abs(v)) : 1),
  use: 'overflow',
};

/** @typedef {import('./cases.mjs').FuzzOp} FuzzOp */

export function reduceOps(tf) {
  /** @type {(name: string, kernels: string[], fn: Function, dtypes: string[], extra: Partial<FuzzOp>) => FuzzOp} */
  const reduce = (name, kernels, fn, dtypes, extra) => ({
    tol: TOL.exact,
    name,
    kernels,
    arb: reductionCase({ dtypes }),
    run: ([x], { axis, keepDims }) => fn(x, axis, keepDims),
    ...extra,
  });
  return [
    reduce('sum', ['Sum'], tf.sum, ['float32', 'int32', 'bool'], { tol: TOL.summation, scale: 'abs' }),
    reduce('mean', ['Mean'], tf.mean, ['float32', 'int32'], { tol: TOL.summation, scale: 'abs' }),
    reduce('max', ['Max'], tf.max, ['float32', 'int32'], { tol: TOL.exact }),
    reduce('min', ['Min'], tf.min, ['float32', 'int32'], { tol: TOL.exact }),
    reduce('prod', ['Prod'], tf.prod, ['float32', 'int32'], {
      tol: { rtol: 1e-4, atol: 1e-37 },
      gradTol: { rtol: 1e-4, atol: 1e-6 },
      scale: PRODUCT_RANGE,
    }),
    reduce('all', ['All'], tf.all, ['bool'], { tol: TOL.exact }),
    reduce('any', ['Any'], tf.any, ['bool'], { tol: TOL.exact }),
    reduce('logSumExp', ['Max', 'Sum', 'Exp', 'Log'], tf.logSumExp, ['float32'], {
      tol: { rtol: 1e-5, atol: 1e-5 },
      gradTol: { rtol: 1e-4, atol: 1e-6 },
    }),
    {
      name: 'argMax',
      kernels: ['ArgMax'],
      tol: TOL.exact,
      arb: reductionCase({ dtypes: ['float32', 'int32'], minRank: 1, singleAxis: true }),
      run: ([x], { axis }) => tf.argMax(x, axis),
    },
    {
      name: 'argMin',
      kernels: ['ArgMin'],
      tol: TOL.exact,
      arb: reductionCase({ dtypes: ['float32', 'int32'], minRank: 1, singleAxis: true }),
      run: ([x], { axis }) => tf.argMin(x, axis),
    },
    {
      name: 'cumsum',
      kernels: ['Cumsum'],
      tol: TOL.summation,
      scale: 'abs',
      ...scan(tf.cumsum),
    },
    {
      name: 'cumprod',
      kernels: ['Cumprod'],
      tol: { rtol: 1e-4, atol: 1e-37 },
      gradTol: { rtol: 1e-4, atol: 1e-6 },
      scale: PRODUCT_RANGE,
      ...scan(tf.cumprod),
    },
    {
      name: 'softmax',
      kernels: ['Softmax'],
      tol: { rtol: 1e-5, atol: 1e-7 },
      gradTol: { rtol: 1e-5, atol: 1e-6 },
      arb: reductionCase({ minRank: 1 }),
      run: ([x]) => tf.softmax(x),
    },
    {
      name: 'logSoftmax',
      kernels: ['Max', 'Sub', 'Exp', 'Sum', 'Log'],
      tol: { rtol: 1e-5, atol: 1e-5 },
      gradTol: { rtol: 1e-5, atol: 1e-6 },
      arb: reductionCase({ minRank: 1 }),
      run: ([x]) => tf.logSoftmax(x),
    },
    {
      // float64 sums in row order, as cpu's: equal; ids outside [0, numSegments) add nowhere.
      // numSegments 0 gives an empty result on simd and a TypeError inside cpu's kernel: not compared.
      name: 'unsortedSegmentSum',
      kernels: ['UnsortedSegmentSum'],
      tol: TOL.exact,
      arb: withDy(
        fc
          .tuple(shapeArb({ minRank: 1, maxRank: 3 }), fc.integer({ min: 1, max: 6 }))
          .chain(([shape, numSegments]) =>
            fc.tuple(
              tensorOfShape(shape, 'float32'),
              tensorOfShape([shape[0]], 'int32', fc.integer({ min: -1, max: numSegments })),
              fc.constant(numSegments),
            ),
          )
          .map(([x, ids, numSegments]) => ({ inputs: [x, ids], params: { numSegments } })),
      ),
      run: ([x, ids], { numSegments }) => tf.unsortedSegmentSum(x, ids, numSegments),
    },
    ...[
      ['sparseSegmentSum', ['SparseSegmentSum'], tf.sparse.sparseSegmentSum],
      ['sparseSegmentMean', ['SparseSegmentMean'], tf.sparse.sparseSegmentMean],
    ].map(([name, kernels, fn]) => ({
      // float32 sums in lookup order, as cpu's; unsorted ids and indices out of range are cpu's errors.
      name,
      kernels,
      tol: TOL.exact,
      grad: false,
      arb: withDy(
        fc
          .tuple(shapeArb({ minRank: 1, maxRank: 3, minDim: 1 }), fc.integer({ min: 0, max: 12 }))
          .chain(([shape, n]) =>
            fc.tuple(
              tensorOfShape(shape, 'float32'),
              tensorOfShape(
                [n],
                'int32',
                fc.oneof(
                  { weight: 30, arbitrary: fc.integer({ min: 0, max: shape[0] - 1 }) },
                  { weight: 1, arbitrary: fc.constantFrom(-1, shape[0]) },
                ),
              ),
              fc
                .array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n })
                .map((steps) => steps.map((_, i) => steps.slice(0, i + 1).reduce((a, b) => a + b, 0)))
                .chain((ids) =>
                  fc.oneof(
                    { weight: 8, arbitrary: fc.constant(ids) },
                    fc.shuffledSubarray(ids, { minLength: n }), // unsorted
                    fc.constant(ids.map((id) => id - 1)), // negative
                  ),
                ),
            ),
          )
          .map(([data, indices, ids]) => ({
            inputs: [data, indices, { shape: [ids.length], dtype: 'int32', values: ids }],
            params: {},
          })),
      ),
      run: ([data, indices, ids]) => fn(data, indices, ids),
    })),
    {
      name: 'topk',
      kernels: ['TopK'],
      tol: TOL.exact,
      grad: false,
      arb: withDy(
        fc
          .tuple(shapeArb({ minRank: 1 }), fc.constantFrom('float32', 'int32'), fc.boolean())
          .chain(([shape, dtype, sorted]) =>
            fc.tuple(
              tensorOfShape(shape, dtype),
              fc.integer({ min: 0, max: shape[shape.length - 1] }),
              fc.constant(sorted),
            ),
          )
          .map(([t, k, sorted]) => ({ inputs: [t], params: { k, sorted } })),
      ),
      run: ([x], { k, sorted }) => {
        const { values, indices } = tf.topk(x, k, sorted);
        return [values, indices];
      },
    },
  ];
}

/**
 * A scan along a possibly negative axis. tfjs-backend-cpu returns a tensor of shape [undefined] for a negative
 * axis and tfjs-core's gradient rejects it: simd counts it from the end, so cpu is asked with the axis it means,
 * and gradients are taken for non-negative axes only.
 */
function scan(fn) {
  return {
    arb: scanCase(['float32', 'int32']),
    run: ([x], { axis, exclusive, reverse }) => fn(x, axis, exclusive, reverse),
    cpuRun: ([x], { axis, exclusive, reverse }) => fn(x, axis < 0 ? axis + x.rank : axis, exclusive, reverse),
    grad: ({ axis }) => axis >= 0,
  };
}

function scanCase(dtypes) {
  return withDy(
    fc
      .tuple(shapeArb({ minRank: 1 }), fc.constantFrom(...dtypes))
      .chain(([shape, dtype]) =>
        fc.tuple(tensorOfShape(shape, dtype), axisArb(shape.length), fc.boolean(), fc.boolean()),
      )
      .map(([t, axis, exclusive, reverse]) => ({ inputs: [t], params: { axis, exclusive, reverse } })),
  );
}
