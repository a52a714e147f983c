// @ts-check
// The data-movement kernels on 'simd' against 'cpu' on fresh random data: ranks 1–5, random
// permutations, begins, sizes, strides and masks, odd extents (1, 3, 17, 255), empty tensors, and
// every dtype the kernels move (float32, int32, bool, complex64). Moving bytes is exact, so results
// must be identical (tolerance 0, NaN equal to NaN); errors must carry the same message.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { onBackend, rng, simd, simdMemory, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

const random = rng(Number(process.env.LAYOUT_SEED ?? 20261128));
const DTYPES = ['float32', 'int32', 'bool', 'complex64'];
const EXTENTS = [1, 1, 2, 3, 4, 5, 7, 17];

const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (values) => values[Math.floor(random() * values.length)];
const shuffled = (values) => {
  const copy = values.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = int(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
};

/** A random shape of `rank` with at most `maxSize` elements; 255 appears in low ranks. */
function randomShape(rank, maxSize = 3000) {
  for (;;) {
    const shape = Array.from({ length: rank }, () => (rank <= 2 && random() < 0.2 ? 255 : pick(EXTENTS)));
    if (size(shape) <= maxSize) return shape;
  }
}

/** Plain values for a tensor of `dtype` (complex64: interleaved real, imaginary). */
function randomData(shape, dtype) {
  const n = size(shape) * (dtype === 'complex64' ? 2 : 1);
  return Array.from({ length: n }, () => {
    if (dtype === 'int32') return int(-1000, 1000);
    if (dtype === 'bool') return int(0, 1);
    return Math.fround(random() * 20 - 10);
  });
}

/** A recipe for a random tensor, made on whichever backend is active. */
function randomInput(shape, dtype = pick(DTYPES)) {
  return { shape, dtype, data: randomData(shape, dtype) };
}

function make({ shape, dtype, data }) {
  if (dtype !== 'complex64') return tf.tensor(data, shape, dtype);
  const re = tf.tensor(
    data.filter((_, i) => i % 2 === 0),
    shape,
  );
  const im = tf.tensor(
    data.filter((_, i) => i % 2 === 1),
    shape,
  );
  return tf.complex(re, im);
}

const part = (input, which) => ({
  shape: input.shape,
  dtype: 'float32',
  data: input.data.filter((_, i) => i % 2 === (which === 'real' ? 0 : 1)),
});

/** Runs `build` on one backend: outputs (shape, dtype, values) or the error message; asserts nothing leaks. */
async function evaluate(backendName, build) {
  return onBackend(backendName, async () => {
    const before = simdMemory();
    let result;
    try {
      const outputs = /** @type {tf.Tensor[]} */ ([tf.tidy(build)].flat());
      result = {
        outputs: await Promise.all(
          outputs.map(async (t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(await t.data()) })),
        ),
      };
      tf.dispose(outputs);
    } catch (e) {
      result = { error: e.message };
    }
    const after = simdMemory();
    assert.is(after.numTensors, before.numTensors, `${backendName}: tensors leaked`);
    if (backendName === 'simd') assert.is(after.numBytesInWasm, before.numBytesInWasm, 'simd: bytes leaked');
    return result;
  });
}

const stats = { compared: 0, errors: 0 };

/**
 * tfjs-core's sliceInfo can give StridedSlice a sparse shape whose size differs from the final shape;
 * 'cpu' then returns a tensor with the wrong number of values. 'simd' returns the values 'cpu' computes,
 * zero-padded or cut to the shape's size.
 */
function asWellFormed(result) {
  if (!result.outputs) return result;
  return {
    outputs: result.outputs.map(({ shape, dtype, values }) => {
      const n = size(shape) * (dtype === 'complex64' ? 2 : 1);
      return { shape, dtype, values: Array.from({ length: n }, (_, i) => values[i] ?? 0) };
    }),
  };
}

/** 'simd' running `build` must give exactly what 'cpu' gives running `reference` (by default the same). */
async function agree(label, build, reference = build) {
  const expected = asWellFormed(await evaluate('cpu', reference));
  const actual = await evaluate('simd', build);
  assert.equal(actual, expected, label);
  stats.compared++;
  if (expected.error) stats.errors++;
  return expected;
}

/** runKernel, for kernels of one output. */
const run = (kernel, inputs, attrs) => /** @type {tf.Tensor} */ (tf.engine().runKernel(kernel, inputs, attrs));

/**
 * Compares a single-input kernel. For complex64, tfjs-backend-cpu rejects most of these kernels, so the
 * reference applies the kernel to the real and imaginary parts separately on 'cpu'.
 */
async function agreeKernel(label, kernel, input, attrs, inputName = 'x') {
  const build = () => run(kernel, { [inputName]: make(input) }, attrs);
  if (input.dtype !== 'complex64') return agree(label, build);
  const reference = () => {
    const re = [run(kernel, { [inputName]: make(part(input, 'real')) }, attrs)].flat();
    const im = [run(kernel, { [inputName]: make(part(input, 'imag')) }, attrs)].flat();
    return re.map((r, i) => tf.complex(r, im[i]));
  };
  return agree(label, build, reference);
}

test('every layout kernel runs natively on simd', () => {
  const { native } = simd.kernelCoverage();
  for (const name of [
    'Transpose',
    'Slice',
    'StridedSlice',
    'Concat',
    'Pack',
    'Unpack',
    'Tile',
    'PadV2',
    'MirrorPad',
    'GatherV2',
    'OneHot',
    'Reverse',
    'SplitV',
    'ExpandDims',
    'Reshape',
    'Identity',
  ]) {
    assert.ok(native.includes(name), name);
  }
});

test('Transpose: random ranks 1-5, permutations and dtypes; tiled and odd 2-D shapes; empty', async () => {
  const fixed = [
    [
      [255, 17],
      [1, 0],
    ],
    [
      [17, 255],
      [1, 0],
    ],
    [
      [64, 64],
      [1, 0],
    ],
    [
      [33, 65],
      [1, 0],
    ],
    [
      [3, 33, 65],
      [0, 2, 1],
    ],
    [
      [17, 3, 255],
      [2, 1, 0],
    ],
    [
      [2, 3, 4, 5, 6],
      [4, 2, 0, 3, 1],
    ],
    [
      [4, 4],
      [1, 0],
    ],
    [
      [5, 3],
      [1, 0],
    ],
    [
      [0, 3],
      [1, 0],
    ],
    [
      [5, 0, 2],
      [2, 0, 1],
    ],
    [
      [1, 255, 1],
      [2, 0, 1],
    ],
    [
      [3, 17],
      [0, 1],
    ],
  ];
  for (const [shape, perm] of fixed) {
    for (const dtype of DTYPES)
      await agreeKernel(`transpose ${shape} ${perm} ${dtype}`, 'Transpose', randomInput(shape, dtype), { perm });
  }
  for (let i = 0; i < 60; i++) {
    const shape = randomShape(int(1, 5));
    const perm = shuffled([...shape.keys()]);
    const input = randomInput(shape);
    await agreeKernel(`transpose ${shape} ${perm} ${input.dtype}`, 'Transpose', input, { perm });
  }
  const complexInput = randomInput([3, 17], 'complex64');
  await agree('transpose op on complex', () => tf.transpose(make(complexInput)));
});

test('Slice and SplitV and Unpack: random boxes, sizes -1 and 0, every dtype', async () => {
  for (let i = 0; i < 60; i++) {
    const shape = randomShape(int(1, 5));
    const begin = shape.map((n) => int(0, n));
    const sizes = shape.map((n, k) => (random() < 0.2 ? -1 : int(0, n - begin[k])));
    const input = randomInput(shape);
    await agreeKernel(`slice ${shape} ${begin} ${sizes} ${input.dtype}`, 'Slice', input, { begin, size: sizes });
  }
  for (let i = 0; i < 30; i++) {
    const shape = randomShape(int(1, 4));
    const axis = int(-shape.length, shape.length - 1);
    const n = shape.at(axis);
    const splits =
      random() < 0.5
        ? n
        : (() => {
            const parts = [];
            let left = n;
            while (left > 0) {
              const s = int(0, left);
              parts.push(s);
              left -= s;
              if (random() < 0.2) break;
            }
            if (left > 0) parts.push(random() < 0.5 ? -1 : left);
            return parts;
          })();
    const input = randomInput(shape);
    await agreeKernel(`splitV ${shape} ${splits} ${axis} ${input.dtype}`, 'SplitV', input, {
      numOrSizeSplits: splits,
      axis,
    });
    await agreeKernel(`unpack ${shape} ${axis} ${input.dtype}`, 'Unpack', input, { axis }, 'value');
  }
  await agree('slice of an empty tensor', () => tf.slice(tf.zeros([0, 3]), [0, 1], [0, 2]));
  await agree('slice with bad params throws', () => tf.slice(tf.zeros([2, 3]), [1, 2], [2, 2]));
  await agree('split with bad sizes throws', () => tf.split(tf.zeros([2, 3]), [1, 1], 1));
});

test('StridedSlice: random begins, ends, strides (negative too) and all masks', async () => {
  for (let i = 0; i < 150; i++) {
    const rank = int(1, 5);
    const shape = randomShape(rank);
    const specs = int(1, rank);
    const begin = Array.from({ length: specs }, (_, k) => int(-(shape[k] ?? 3) - 2, (shape[k] ?? 3) + 2));
    const end = Array.from({ length: specs }, (_, k) => int(-(shape[k] ?? 3) - 2, (shape[k] ?? 3) + 2));
    const strides = Array.from({ length: specs }, () => pick([1, 1, 2, 3, -1, -2, -3]));
    const mask = (p) => Array.from({ length: specs }, (_, k) => (random() < p ? 1 << k : 0)).reduce((a, b) => a | b, 0);
    const ellipsisMask = random() < 0.2 ? 1 << int(0, specs - 1) : 0;
    const attrs = {
      begin,
      end,
      strides,
      beginMask: mask(0.3),
      endMask: mask(0.3),
      ellipsisMask,
      newAxisMask: mask(0.1),
      shrinkAxisMask: mask(0.2),
    };
    const input = randomInput(shape);
    await agreeKernel(`stridedSlice ${shape} ${JSON.stringify(attrs)} ${input.dtype}`, 'StridedSlice', input, attrs);
  }
  await agree('strided slice, identity', () => tf.stridedSlice(tf.range(0, 17), [0], [17], [1]));
  await agree('strided slice, reversed rows', () =>
    tf.stridedSlice(tf.reshape(tf.range(0, 255), [15, 17]), [14, 0], [-16, 17], [-1, 1]),
  );
  await agree('strided slice of an empty tensor', () => tf.stridedSlice(tf.zeros([0, 3]), [0, 0], [0, 3], [1, 1]));
});

test('Concat and Pack: random axes, many inputs, empty inputs, every dtype', async () => {
  for (let i = 0; i < 60; i++) {
    const base = randomShape(int(1, 5), 800);
    const axis = int(-base.length, base.length - 1);
    const dtype = pick(DTYPES);
    const inputs = Array.from({ length: int(1, 6) }, () => {
      const shape = base.slice();
      shape[(axis + base.length) % base.length] = random() < 0.15 ? 0 : pick(EXTENTS);
      return randomInput(shape, dtype);
    });
    await agree(`concat ${inputs.map((t) => t.shape).join(' | ')} axis ${axis} ${dtype}`, () =>
      tf.concat(inputs.map(make), axis),
    );
    const packAxis = int(-base.length - 1, base.length);
    const same = Array.from({ length: int(1, 5) }, () => randomInput(base, dtype));
    await agree(`stack ${base} x${same.length} axis ${packAxis} ${dtype}`, () => tf.stack(same.map(make), packAxis));
  }
  await agree('concat of all-empty inputs', () => tf.concat([tf.zeros([2, 0]), tf.zeros([2, 0])], 1));
  await agree('concat of int32 and float32 converts', () =>
    run('Concat', [tf.tensor1d([1, 2], 'int32'), tf.tensor1d([1.5, 2.5])], { axis: 0 }),
  );
  await agree('concat of mismatched shapes throws', () => tf.concat([tf.zeros([2, 3]), tf.zeros([3, 3])], 1));
  await agree('stack of mismatched shapes throws', () => tf.stack([tf.zeros([2, 3]), tf.zeros([3, 3])]));
  await agree('concat of 255 one-element tensors', () =>
    tf.concat(
      Array.from({ length: 255 }, (_, i) => tf.tensor1d([i])),
      0,
    ),
  );
});

test('Tile and broadcastTo: random reps (0 included), every dtype', async () => {
  for (let i = 0; i < 50; i++) {
    const shape = randomShape(int(1, 5), 300);
    const reps = shape.map(() => pick([0, 1, 1, 2, 3]));
    const input = randomInput(shape);
    if (size(shape) * size(reps) > 20000) continue;
    await agreeKernel(`tile ${shape} ${reps} ${input.dtype}`, 'Tile', input, { reps });
  }
  for (let i = 0; i < 30; i++) {
    const target = randomShape(int(1, 5));
    const shape = target.slice(int(0, target.length - 1)).map((n) => (random() < 0.5 ? 1 : n));
    const input = randomInput(shape, pick(['float32', 'int32', 'bool']));
    await agree(`broadcastTo ${shape} -> ${target} ${input.dtype}`, () => tf.broadcastTo(make(input), target));
  }
});

test('PadV2 and MirrorPad: random paddings and constants, both mirror modes, every dtype', async () => {
  for (let i = 0; i < 50; i++) {
    const shape = randomShape(int(1, 5), 1000);
    const paddings = shape.map(() => [int(0, 3), int(0, 3)]);
    const input = randomInput(shape);
    const constantValue = pick([0, 1, -7, 2.5, NaN, 300]);
    if (input.dtype === 'complex64' && Number.isNaN(constantValue)) continue;
    const label = `pad ${shape} ${JSON.stringify(paddings)} ${constantValue} ${input.dtype}`;
    if (input.dtype !== 'complex64') {
      await agreeKernel(label, 'PadV2', input, { paddings, constantValue });
    } else {
      // A complex tensor pads with constantValue + 0i.
      const pad = (x, value) => run('PadV2', { x }, { paddings, constantValue: value });
      await agree(
        label,
        () => pad(make(input), constantValue),
        () => tf.complex(pad(make(part(input, 'real')), constantValue), pad(make(part(input, 'imag')), 0)),
      );
    }
    const mode = pick(['reflect', 'symmetric']);
    const limit = mode === 'reflect' ? 1 : 0;
    const mirror = shape.map((n) => [int(0, n - limit), int(0, n - limit)]);
    await agreeKernel(`mirrorPad ${shape} ${JSON.stringify(mirror)} ${mode} ${input.dtype}`, 'MirrorPad', input, {
      paddings: mirror,
      mode,
    });
  }
  await agree('pad of an empty tensor', () =>
    tf.pad(
      tf.zeros([0, 3]),
      [
        [1, 1],
        [0, 2],
      ],
      5,
    ),
  );
  await agree('pad of a 255-vector', () => tf.pad(tf.range(0, 255), [[17, 3]], -1));
});

test('Reverse: random axis subsets, repeated axes, every dtype', async () => {
  for (let i = 0; i < 50; i++) {
    const shape = randomShape(int(1, 5));
    const dims = shuffled([...shape.keys()])
      .slice(0, int(0, shape.length))
      .map((d) => (random() < 0.3 ? d - shape.length : d));
    const input = randomInput(shape);
    await agreeKernel(`reverse ${shape} ${dims} ${input.dtype}`, 'Reverse', input, { dims });
  }
  await agree('reverse with a repeated axis', () =>
    run('Reverse', { x: tf.reshape(tf.range(0, 12), [3, 4]) }, { dims: [1, 1, 0] }),
  );
  await agree('reverse of a scalar', () => tf.reverse(tf.scalar(3)));
  await agree('reverse of an empty tensor', () => tf.reverse(tf.zeros([3, 0]), [0]));
  await agree('reverse of a 255-vector', () => tf.reverse(tf.range(0, 255)));
});

test('GatherV2: random axes, batchDims, index shapes; out-of-range indices throw like cpu', async () => {
  for (let i = 0; i < 60; i++) {
    const shape = randomShape(int(1, 5), 1500);
    const batchDims = int(0, Math.min(2, shape.length - 1));
    const axis = int(batchDims, shape.length - 1);
    const indexShape = [
      ...shape.slice(0, batchDims),
      ...randomShape(int(0, 2), 40).map((n) => (random() < 0.1 ? 0 : n)),
    ];
    const bad = random() < 0.1;
    const indices = Array.from({ length: size(indexShape) }, () =>
      bad ? int(-2, shape[axis] + 2) : int(0, shape[axis] - 1),
    );
    const x = randomInput(shape);
    const attrs = { axis: random() < 0.3 ? axis - shape.length : axis, batchDims };
    const build = (input) => () =>
      run('GatherV2', { x: make(input), indices: tf.tensor(indices, indexShape, 'int32') }, attrs);
    const label = `gather ${shape} ${indexShape} ${JSON.stringify(attrs)} ${x.dtype}`;
    if (x.dtype !== 'complex64') {
      await agree(label, build(x));
    } else {
      await agree(label, build(x), () => tf.complex(build(part(x, 'real'))(), build(part(x, 'imag'))()));
    }
  }
  await agree('gather index past the end throws', () => tf.gather(tf.range(0, 5), tf.tensor1d([1, 5], 'int32')));
  await agree('gather negative index throws', () => tf.gather(tf.range(0, 5), tf.tensor1d([-1], 'int32')));
  await agree('gather from an empty axis with no index', () => tf.gather(tf.zeros([0, 3]), tf.tensor1d([], 'int32')));
  await agree('gather with float indices', () => tf.gather(tf.range(0, 5), [4, 0, 2]));
});

test('OneHot: random depths, on/off values, out-of-range indices, dtypes', async () => {
  for (let i = 0; i < 40; i++) {
    const shape = randomShape(int(0, 3), 500);
    const depth = pick([2, 3, 17, 255]);
    const indices = Array.from({ length: size(shape) }, () => int(-2, depth + 2));
    const dtype = pick(['float32', 'int32', 'bool']);
    const [onValue, offValue] =
      dtype === 'float32' ? [pick([1, 2.5, -3]), pick([0, 0.25, NaN])] : [pick([1, 5, -3]), pick([0, 2])];
    await agree(`oneHot ${shape} ${depth} ${onValue}/${offValue} ${dtype}`, () =>
      tf.oneHot(tf.tensor(indices, shape, 'int32'), depth, onValue, offValue, dtype),
    );
  }
  await agree('oneHot of no index', () => tf.oneHot(tf.tensor1d([], 'int32'), 3));
});

test('empty tensors (a zero extent anywhere) through every kernel, every dtype', async () => {
  for (const shape of [[0], [0, 3], [3, 0], [2, 0, 17], [1, 3, 0, 2, 1]]) {
    for (const dtype of DTYPES) {
      const input = randomInput(shape, dtype);
      const label = `${shape} ${dtype}`;
      const last = shape.length - 1;
      await agreeKernel(`transpose ${label}`, 'Transpose', input, { perm: [...shape.keys()].reverse() });
      await agreeKernel(`slice ${label}`, 'Slice', input, { begin: shape.map(() => 0), size: shape.map(() => -1) });
      await agreeKernel(`stridedSlice ${label}`, 'StridedSlice', input, {
        begin: shape.map(() => 0),
        end: shape,
        strides: shape.map(() => 2),
        beginMask: 0,
        endMask: 0,
        ellipsisMask: 0,
        newAxisMask: 0,
        shrinkAxisMask: 0,
      });
      await agreeKernel(`tile ${label}`, 'Tile', input, { reps: shape.map(() => 2) });
      await agreeKernel(`reverse ${label}`, 'Reverse', input, { dims: [last] });
      await agreeKernel(`unpack ${label}`, 'Unpack', input, { axis: last }, 'value');
      await agreeKernel(`splitV ${label}`, 'SplitV', input, { numOrSizeSplits: [shape[last], 0], axis: last });
      await agreeKernel(`mirrorPad ${label}`, 'MirrorPad', input, {
        paddings: shape.map(() => [0, 0]),
        mode: 'symmetric',
      });
      if (dtype !== 'complex64') {
        await agreeKernel(`pad ${label}`, 'PadV2', input, { paddings: shape.map(() => [1, 2]), constantValue: 3 });
        await agree(`concat ${label}`, () => tf.concat([make(input), make(input)], last));
        await agree(`stack ${label}`, () => tf.stack([make(input), make(input)], 0));
        await agree(`gather ${label}`, () => tf.gather(make(input), tf.tensor1d([0, 0], 'int32'), last));
      }
    }
  }
});

test('string tensors go through cpu for every layout kernel', async () => {
  const words = () => tf.tensor(['a', 'bb', 'ccc', 'dd', 'e', 'f'], [2, 3], 'string');
  await agree('strings', () => [
    tf.transpose(words()),
    tf.slice(words(), [0, 1], [2, 2]),
    tf.concat([words(), words()], 0),
    tf.stack([words(), words()]),
    ...tf.unstack(words(), 1),
    ...tf.split(words(), 3, 1),
    tf.tile(words(), [2, 1]),
    tf.reverse(words(), 1),
    tf.gather(words(), [1, 0], 1),
    tf.stridedSlice(words(), [0, 2], [2, 0], [1, -1]),
  ]);
});

test('the random cases above compared real outputs, not just errors', () => {
  assert.ok(stats.compared > 500, `compared ${stats.compared}`);
  assert.ok(stats.errors < stats.compared / 4, `errors ${stats.errors} of ${stats.compared}`);
});

test.run();
