// @ts-check
// Layout kernels: every value moves unchanged, so simd must equal cpu exactly (NaN payloads aside).
import fc from 'fast-check';
import { axesArb, axisArb, floatValue, intValue, permutationArb, shapeArb, tensorOfShape } from './arbitraries.mjs';
import { TOL, withDy } from './cases.mjs';

const ALL = ['float32', 'int32', 'bool'];

/** One tensor of any dtype (rank within bounds), then parameters drawn from its shape. */
function withShape(paramsOf, { minRank = 0, maxRank = 4, dtypes = ALL, minDim = 0 } = {}) {
  return withDy(
    fc
      .tuple(shapeArb({ minRank, maxRank, minDim }), fc.constantFrom(...dtypes))
      .chain(([shape, dtype]) => fc.tuple(tensorOfShape(shape, dtype), paramsOf(shape, dtype)))
      .map(([t, params]) => ({ inputs: [t], params })),
  );
}

/** `count` tensors equal in shape but for `axis` (when given), of one dtype. */
function sharingShape(shape, dtype, count, axis) {
  const shapes = fc
    .array(fc.constantFrom(0, 1, 2, 3, 5), { minLength: count, maxLength: count })
    .map((sizes) => sizes.map((size) => (axis == null ? shape : shape.map((d, i) => (i === axis ? size : d)))));
  return shapes.chain((ss) => fc.tuple(...ss.map((s) => tensorOfShape(s, dtype))));
}

/** Range's start and stop, and a step that keeps the sequence short (either sign, integral or not). */
const rangeBound = fc.oneof(fc.integer({ min: -40, max: 40 }), fc.double({ min: -40, max: 40, noNaN: true }));
const rangeStep = fc
  .tuple(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.double({ min: 0.1, max: 5, noNaN: true })), fc.boolean())
  .map(([size, negative]) => (negative ? -size : size));

const dimIndex = (d) => fc.integer({ min: 0, max: d });

/** Slice's begin and size from [begin, size] pairs, one per axis. */
const beginAndSize = (pairs) => ({ begin: pairs.map(([b]) => b), size: pairs.map(([, s]) => s) });

export function layoutOps(tf) {
  const exact = { tol: TOL.exact, gradTol: TOL.summation, gradScale: 'abs' };
  return [
    {
      name: 'transpose',
      kernels: ['Transpose'],
      ...exact,
      arb: withShape((shape) => permutationArb(shape.length).map((perm) => ({ perm }))),
      run: ([x], { perm }) => tf.transpose(x, perm),
    },
    {
      name: 'slice',
      kernels: ['Slice'],
      ...exact,
      arb: withShape(
        (shape) =>
          fc
            .tuple(
              ...shape.map((d) =>
                dimIndex(d).chain((b) =>
                  fc.tuple(fc.constant(b), fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: d - b }))),
                ),
              ),
            )
            .map((bs) => beginAndSize(/** @type {Array<[number, number]>} */ (bs))),
        { minRank: 1 },
      ),
      run: ([x], { begin, size }) => tf.slice(x, begin, size),
    },
    {
      name: 'stridedSlice',
      kernels: ['StridedSlice'],
      ...exact,
      arb: withShape(
        (shape) =>
          fc.record({
            begin: fc.tuple(...shape.map((d) => fc.integer({ min: -d - 1, max: d + 1 }))),
            end: fc.tuple(...shape.map((d) => fc.integer({ min: -d - 1, max: d + 1 }))),
            strides: fc.tuple(...shape.map(() => fc.constantFrom(1, 1, 2, 3, -1, -2))),
            beginMask: fc.integer({ min: 0, max: (1 << shape.length) - 1 }),
            endMask: fc.integer({ min: 0, max: (1 << shape.length) - 1 }),
            shrinkFirst: fc.boolean(),
          }),
        { minRank: 1, minDim: 1 },
      ),
      run: ([x], p) => {
        // Shrinking axis 0 needs a valid index there: begin[0] in range, stride 1.
        const shrink = p.shrinkFirst && p.begin[0] >= -x.shape[0] && p.begin[0] < x.shape[0] && p.strides[0] === 1;
        return tf.stridedSlice(x, p.begin, p.end, p.strides, p.beginMask, p.endMask, 0, 0, shrink ? 1 : 0);
      },
    },
    {
      name: 'concat',
      kernels: ['Concat'],
      ...exact,
      arb: withDy(
        fc
          .tuple(shapeArb({ minRank: 1 }), fc.constantFrom(...ALL), fc.integer({ min: 1, max: 4 }))
          .chain(([shape, dtype, count]) =>
            axisArb(shape.length).chain((axis) =>
              sharingShape(shape, dtype, count, axis < 0 ? axis + shape.length : axis).map((inputs) => ({
                inputs,
                params: { axis },
              })),
            ),
          ),
      ),
      run: (xs, { axis }) => tf.concat(xs, axis),
    },
    {
      name: 'stack',
      kernels: ['Pack'],
      ...exact,
      arb: withDy(
        fc
          .tuple(shapeArb({ maxRank: 3 }), fc.constantFrom(...ALL), fc.integer({ min: 1, max: 4 }))
          .chain(([shape, dtype, count]) =>
            fc.tuple(
              sharingShape(shape, dtype, count, null),
              fc.integer({ min: -shape.length - 1, max: shape.length }),
            ),
          )
          .map(([inputs, axis]) => ({ inputs, params: { axis } })),
      ),
      run: (xs, { axis }) => tf.stack(xs, axis),
    },
    {
      name: 'unstack',
      kernels: ['Unpack'],
      ...exact,
      arb: withShape((shape) => axisArb(shape.length).map((axis) => ({ axis })), { minRank: 1 }),
      run: ([x], { axis }) => tf.unstack(x, axis),
    },
    {
      name: 'split',
      kernels: ['SplitV'],
      ...exact,
      arb: withShape(
        (shape) =>
          axisArb(shape.length)
            .chain((axis) => {
              const d = shape[axis < 0 ? axis + shape.length : axis];
              const divisors = [...Array(d + 1).keys()].filter((k) => k > 0 && d % k === 0);
              const sizes = fc
                .array(fc.integer({ min: 0, max: Math.max(0, d) }), { minLength: 1, maxLength: 4 })
                .map((parts) => {
                  const out = [];
                  let left = d;
                  for (const p of parts) {
                    const take = Math.min(p, left);
                    out.push(take);
                    left -= take;
                  }
                  out.push(left);
                  return out;
                })
                .chain((out) =>
                  fc.boolean().map((implicit) => (implicit ? out.map((s, i) => (i === out.length - 1 ? -1 : s)) : out)),
                );
              return fc.tuple(
                fc.constant(axis),
                divisors.length ? fc.oneof(fc.constantFrom(...divisors), sizes) : sizes,
              );
            })
            .map(([axis, split]) => ({ axis, split })),
        { minRank: 1 },
      ),
      run: ([x], { axis, split }) => tf.split(x, split, axis),
    },
    {
      name: 'tile',
      kernels: ['Tile'],
      ...exact,
      arb: withShape(
        (shape) => fc.tuple(...shape.map(() => fc.integer({ min: 0, max: 3 }))).map((reps) => ({ reps })),
        { maxRank: 3 },
      ),
      run: ([x], { reps }) => tf.tile(x, reps),
    },
    {
      name: 'pad',
      kernels: ['PadV2'],
      ...exact,
      arb: withShape(
        (shape, dtype) =>
          fc.record({
            paddings: fc.tuple(
              ...shape.map(() => fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))),
            ),
            value: dtype === 'int32' ? intValue : dtype === 'bool' ? fc.constantFrom(0, 1) : floatValue,
          }),
        { maxRank: 4, dtypes: ['float32', 'int32'] },
      ),
      run: ([x], { paddings, value }) => tf.pad(x, paddings, value),
    },
    {
      name: 'mirrorPad',
      kernels: ['MirrorPad'],
      ...exact,
      arb: withShape(
        (shape) =>
          fc.constantFrom('reflect', 'symmetric').chain((mode) =>
            fc.record({
              mode: fc.constant(mode),
              paddings: fc.tuple(
                ...shape.map((d) => {
                  const max = Math.max(0, mode === 'reflect' ? d - 1 : d);
                  return fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }));
                }),
              ),
            }),
          ),
        { minRank: 1, maxRank: 4, minDim: 1, dtypes: ['float32', 'int32'] },
      ),
      run: ([x], { paddings, mode }) => tf.mirrorPad(x, paddings, mode),
    },
    {
      name: 'reverse',
      kernels: ['Reverse'],
      ...exact,
      arb: withShape((shape) => axesArb(shape.length).map((axes) => ({ axes }))),
      run: ([x], { axes }) => tf.reverse(x, axes),
    },
    {
      name: 'flipLeftRight',
      kernels: ['FlipLeftRight'],
      ...exact,
      grad: false, // tfjs-core has no gradient for it
      arb: withShape(() => fc.constant({}), { minRank: 4, maxRank: 4, dtypes: ['float32'] }),
      run: ([x]) => tf.image.flipLeftRight(x),
    },
    {
      name: 'expandDims',
      kernels: ['ExpandDims'],
      ...exact,
      arb: withShape((shape) => fc.integer({ min: -shape.length - 1, max: shape.length }).map((axis) => ({ axis }))),
      run: ([x], { axis }) => tf.expandDims(x, axis),
    },
    {
      name: 'reshape',
      kernels: ['Reshape'],
      ...exact,
      arb: withShape((shape) =>
        fc
          .shuffledSubarray(shape)
          .chain((dims) =>
            fc.boolean().map((implicit) => ({ shape: implicit && dims.length ? [-1, ...dims.slice(1)] : dims })),
          ),
      ),
      run: ([x], { shape }) => tf.reshape(x, shape),
    },
    {
      name: 'gather',
      kernels: ['GatherV2'],
      ...exact,
      arb: withDy(
        fc
          .tuple(shapeArb({ minRank: 1, maxRank: 3 }), fc.constantFrom(...ALL))
          .chain(([shape, dtype]) =>
            axisArb(shape.length).chain((axis) => {
              const d = shape[axis < 0 ? axis + shape.length : axis];
              const index = fc.oneof(
                { weight: 20, arbitrary: fc.integer({ min: 0, max: Math.max(0, d - 1) }) },
                { weight: 1, arbitrary: fc.constantFrom(-1, d) },
              );
              return fc.tuple(
                tensorOfShape(shape, dtype),
                shapeArb({ maxRank: 2 }).chain((s) => tensorOfShape(s, 'int32', index)),
                fc.constant(axis),
              );
            }),
          )
          .map(([x, indices, axis]) => ({ inputs: [x, indices], params: { axis } })),
      ),
      run: ([x, indices], { axis }) => tf.gather(x, indices, axis),
      // Its gradient sums into x's axis: with that axis empty, cpu's UnsortedSegmentSum fails (a TypeError on
      // zero segments) where simd returns the empty gradient.
      grad: ({ axis }, [x]) => x.shape.at(axis) !== 0,
    },
    {
      name: 'oneHot',
      kernels: ['OneHot'],
      tol: TOL.exact,
      arb: withDy(
        fc
          .tuple(shapeArb({ maxRank: 2 }), fc.integer({ min: 0, max: 6 }))
          .chain(([shape, depth]) =>
            fc.tuple(
              tensorOfShape(shape, 'int32', fc.integer({ min: -1, max: depth })),
              fc.constant(depth),
              floatValue,
              floatValue,
            ),
          )
          .map(([indices, depth, on, off]) => ({ inputs: [indices], params: { depth, on, off } })),
      ),
      run: ([indices], { depth, on, off }) => tf.oneHot(indices, depth, on, off),
    },
    {
      name: 'fill',
      kernels: ['Fill'],
      tol: TOL.exact,
      arb: withDy(
        fc.tuple(shapeArb(), fc.constantFrom(...ALL)).chain(([shape, dtype]) =>
          (dtype === 'float32' ? floatValue : dtype === 'int32' ? intValue : fc.constantFrom(0, 1)).map((value) => ({
            inputs: [],
            params: { shape, dtype, value },
          })),
        ),
      ),
      run: (_, { shape, dtype, value }) => tf.fill(shape, value, dtype),
    },
    {
      name: 'gatherND',
      kernels: ['GatherNd'],
      tol: TOL.exact,
      grad: false,
      arb: withDy(
        fc
          .tuple(shapeArb({ minRank: 1, maxRank: 3, minDim: 1 }), fc.constantFrom(...ALL))
          .chain(([shape, dtype]) =>
            fc.integer({ min: 1, max: shape.length }).chain((rank) =>
              fc.tuple(
                tensorOfShape(shape, dtype),
                shapeArb({ maxRank: 2 }).chain((s) =>
                  tensorOfShape([...s, rank], 'int32', fc.integer({ min: -1, max: Math.max(...shape.slice(0, rank)) })),
                ),
              ),
            ),
          )
          .map(([params, indices]) => ({ inputs: [params, indices] })),
      ),
      run: ([params, indices]) => tf.gatherND(params, indices),
    },
    {
      // Updates land on few positions, so repeats add up or overwrite; a few rows fall outside and fail.
      name: 'scatterND',
      kernels: ['ScatterNd', 'TensorScatterUpdate'],
      tol: TOL.exact,
      grad: false,
      arb: withDy(
        fc
          .tuple(shapeArb({ minRank: 1, maxRank: 3, minDim: 1 }), fc.constantFrom('float32', 'int32'))
          .chain(([shape, dtype]) =>
            fc
              .tuple(fc.integer({ min: 1, max: shape.length }), shapeArb({ minRank: 1, maxRank: 2, minDim: 1 }))
              .chain(([rank, lead]) =>
                fc.tuple(
                  tensorOfShape(shape, dtype),
                  tensorOfShape(
                    [...lead, rank],
                    'int32',
                    fc.oneof(
                      { weight: 40, arbitrary: fc.integer({ min: 0, max: Math.min(...shape.slice(0, rank)) - 1 }) },
                      { weight: 1, arbitrary: fc.constantFrom(-1, Math.max(...shape.slice(0, rank))) },
                    ),
                  ),
                  tensorOfShape([...lead, ...shape.slice(rank)], dtype),
                ),
              ),
          )
          .map(([tensor, indices, updates]) => ({ inputs: [tensor, indices, updates] })),
      ),
      run: ([tensor, indices, updates]) => [
        tf.scatterND(indices, updates, tensor.shape),
        tf.tensorScatterUpdate(tensor, indices, updates),
      ],
    },
    {
      name: 'range',
      kernels: ['Range'],
      tol: TOL.exact,
      grad: false,
      arb: withDy(
        fc
          .tuple(rangeBound, rangeBound, rangeStep, fc.constantFrom('float32', 'int32'))
          .map(([start, stop, step, dtype]) => ({ inputs: [], params: { start, stop, step, dtype } })),
      ),
      run: (_, { start, stop, step, dtype }) => tf.range(start, stop, step, dtype),
    },
  ];
}
