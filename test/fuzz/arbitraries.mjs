// @ts-check
// fast-check arbitraries for the differential fuzzer: shapes (0, 1, odd sizes), broadcast partners, axes
// (negative too) and values that stress a kernel: ±0, denormals, ±Infinity, NaN, huge magnitudes.
import fc from 'fast-check';
import { size } from '../helpers/shapes.mjs';

/** Largest tensor a case builds: enough for every SIMD tail and block size, small enough for 10,000 cases. */
const MAX_SIZE = 1200;

const f = Math.fround;

/** The values a kernel gets wrong first: signed zeros, denormals, the float32 extremes, infinities, NaN, ties. */
export const SPECIAL_FLOATS = [
  0,
  -0,
  NaN,
  Infinity,
  -Infinity,
  f(1e-45),
  -f(1e-45),
  f(1.1754942e-38),
  -f(5e-39),
  f(3.4028235e38),
  -f(3.4028235e38),
  f(1e30),
  -f(1e30),
  f(1e-30),
  1,
  -1,
  0.5,
  -0.5,
  1.5,
  -2.5,
  2,
  6,
  f(88.72),
  f(-87.4),
  f(-103.97),
  16777217,
];

export const floatValue = fc.oneof(
  { weight: 12, arbitrary: fc.float({ min: f(-4), max: f(4), noNaN: true }) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_FLOATS) },
  { weight: 2, arbitrary: fc.integer({ min: -8, max: 8 }) },
  { weight: 2, arbitrary: fc.float() }, // the whole float32 line: mostly huge or tiny magnitudes
);

/** Values of ordinary magnitude only, for operands whose extremes only test overflow order (e.g. dy). */
export const tameFloatValue = fc.float({ min: f(-3), max: f(3), noNaN: true });

const SPECIAL_INTS = [0, -1, 1, 2147483647, -2147483648, 65536, 46341, -46341, 7, -7];

export const intValue = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: -10, max: 10 }) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_INTS) },
  { weight: 1, arbitrary: fc.integer() },
);

export const boolValue = fc.integer({ min: 0, max: 1 });

const VALUE_ARB = { float32: floatValue, int32: intValue, bool: boolValue };

const dimArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 5, arbitrary: fc.constantFrom(1, 2, 3, 4) },
  { weight: 4, arbitrary: fc.constantFrom(5, 7, 8, 9, 16, 17) },
  { weight: 1, arbitrary: fc.constantFrom(31, 33, 65, 255) },
);

/** Shrinks the largest dimension until the tensor has at most MAX_SIZE elements. */
function capped(shape) {
  const s = [...shape];
  while (size(s) > MAX_SIZE) {
    const i = s.indexOf(Math.max(...s));
    s[i] = Math.max(1, Math.floor(s[i] / 3));
  }
  return s;
}

export function shapeArb({ minRank = 0, maxRank = 4, minDim = 0 } = {}) {
  return fc
    .integer({ min: minRank, max: maxRank })
    .chain((rank) => fc.array(dimArb, { minLength: rank, maxLength: rank }))
    .map((s) => capped(s.map((d) => Math.max(d, minDim))));
}

/** A shape that broadcasts against `shape`: some dimensions set to 1, leading ones dropped or added. */
export function broadcastPartnerArb(shape) {
  return fc
    .record({
      ones: fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
      drop: fc.integer({ min: 0, max: shape.length }),
      extra: fc.constantFrom([], [], [], [1], [2], [3, 1]),
      swap: fc.boolean(),
    })
    .map(({ ones, drop, extra, swap }) => {
      const partner = shape.map((d, i) => (ones[i] ? 1 : d)).slice(drop);
      return { partner: capped([...extra, ...partner]), swap };
    });
}

function valuesArb(count, dtype, valueArb = VALUE_ARB[dtype]) {
  return fc.array(valueArb, { minLength: count, maxLength: count });
}

/** A plain description of a tensor: { shape, dtype, values }, built into a tf.Tensor per backend. */
export function tensorOfShape(shape, dtype = 'float32', valueArb) {
  return valuesArb(size(shape), dtype, valueArb).map((values) => ({ shape, dtype, values }));
}

/** An axis of a tensor of rank `rank` (≥ 1), negative half the time. */
export function axisArb(rank) {
  return fc.tuple(fc.integer({ min: 0, max: rank - 1 }), fc.boolean()).map(([a, neg]) => (neg ? a - rank : a));
}

/** A set of distinct axes (possibly empty), each possibly negative. */
/** @returns {fc.Arbitrary<number[]>} */
export function axesArb(rank) {
  if (rank === 0) return fc.constant([]);
  return fc
    .subarray([...Array(rank).keys()])
    .chain((axes) =>
      fc
        .array(fc.boolean(), { minLength: axes.length, maxLength: axes.length })
        .map((neg) => axes.map((a, i) => (neg[i] ? a - rank : a))),
    );
}

export function permutationArb(rank) {
  return fc.shuffledSubarray([...Array(rank).keys()], { minLength: rank, maxLength: rank });
}
