// @ts-check
// Degenerate arguments tfjs-core lets through to kernels unchecked: negative paddings (a crop), and ragged
// array literals (more or fewer values than the inferred shape holds). Where tfjs-backend-cpu's own answer is
// an accident of its JS arrays, `cpuRun` spells the intended result with ops cpu gets right.
import fc from 'fast-check';
import { size } from '../helpers/shapes.mjs';
import { floatValue, intValue, shapeArb, tensorOfShape } from './arbitraries.mjs';
import { TOL, withDy } from './cases.mjs';

/** Paddings for each axis, either side possibly negative, never cropping more than the axis holds. */
function croppingPaddings(shape) {
  return fc.tuple(
    ...shape.map((d) =>
      fc
        .integer({ min: -d, max: 3 })
        .chain((before) => fc.integer({ min: -(d + Math.min(before, 0)), max: 3 }).map((after) => [before, after])),
    ),
  );
}

/** Rows of uneven length, as a hand-written nested literal can have. */
const raggedRows = (valueArb) =>
  fc
    .array(fc.array(valueArb, { minLength: 0, maxLength: 9 }), { minLength: 1, maxLength: 5 })
    .filter((rows) => rows[0].length > 0);

export function degenerateOps(tf) {
  /** Pad by the non-negative part of each padding, then slice away the negative part: a crop, spelled safely. */
  const cropThenPad = (x, paddings, value) => {
    const grown = tf.pad(
      x,
      paddings.map(([b, a]) => [Math.max(b, 0), Math.max(a, 0)]),
      value,
    );
    const begin = paddings.map(([b]) => Math.max(-b, 0));
    const extent = grown.shape.map((n, k) => n - begin[k] - Math.max(-paddings[k][1], 0));
    return tf.slice(grown, begin, extent);
  };
  /**
   * The literal's values as the backend should keep them: the first size ones; any missing one as cpu's
   * kernels read it (NaN in a float32 tensor, 0 in an int32 or bool one).
   */
  const keptValues = (rows, dtype) => {
    const shape = [rows.length, rows[0].length];
    const flat = rows.flat();
    const missing = dtype === 'float32' ? Number.NaN : 0;
    return { shape, values: Array.from({ length: size(shape) }, (_, i) => flat[i] ?? missing) };
  };
  return [
    {
      name: 'pad with negative paddings',
      kernels: ['PadV2'],
      tol: TOL.exact,
      grad: false,
      arb: withDy(
        fc
          .tuple(shapeArb({ minRank: 1, maxRank: 4 }), fc.constantFrom('float32', 'int32'))
          .chain(([shape, dtype]) =>
            fc.tuple(tensorOfShape(shape, dtype), croppingPaddings(shape), dtype === 'int32' ? intValue : floatValue),
          )
          .map(([x, paddings, value]) => ({ inputs: [x], params: { paddings, value } })),
      ),
      run: ([x], { paddings, value }) => tf.pad(x, paddings, value),
      cpuRun: ([x], { paddings, value }) => cropThenPad(x, paddings, value),
    },
    {
      name: 'ragged array literal',
      kernels: ['(backend write)'],
      tol: TOL.exact,
      grad: false,
      arb: withDy(
        fc.constantFrom('float32', 'int32', 'bool').chain((dtype) =>
          raggedRows(dtype === 'bool' ? fc.boolean() : dtype === 'int32' ? intValue : floatValue).map((rows) => ({
            inputs: [],
            params: { rows, dtype },
          })),
        ),
      ),
      run: (_, { rows, dtype }) => tf.tensor(rows, undefined, dtype),
      cpuRun: (_, { rows, dtype }) => {
        const { shape, values } = keptValues(rows, dtype);
        return tf.tensor(values, shape, dtype);
      },
    },
  ];
}
