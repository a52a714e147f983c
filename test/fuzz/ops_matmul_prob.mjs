// @ts-check
// matMul (plain and fused) and the package's probabilistic ops. The probabilistic ops run their fused kernels on
// 'simd' and their composite of stock tfjs ops on 'cpu', so this compares the two formulations.
import fc from 'fast-check';
import * as simd from '../../dist/index.js';
import { floatValue, shapeArb, tameFloatValue, tensorOfShape } from './arbitraries.mjs';
import { TOL, withDy } from './cases.mjs';

/**
 * The composites square or double an intermediate (2·z in d(z²)) where the fused kernels do not: near float32's
 * limit one overflows to ±Infinity and the other stays finite. Beyond 2^120 both count as the same overflow.
 */
const SATURATION = 2 ** 120;

/**
 * Gaussian and KL operands: every special value, but finite magnitudes up to 1e18 only. Above that the composite's
 * gradient overflows in 2·z (z = (x − mean)·exp(−logVar/2)) at values where the true gradient, scaled by a small
 * dy, is finite: an overflow of the reference formula, not of the kernel.
 */
const GAUSSIAN_OPERAND = floatValue.filter((v) => !Number.isFinite(v) || Math.abs(v) <= 1e18);

const dim = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 8, arbitrary: fc.constantFrom(1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33) },
);

/**
 * Batch shapes of a and b that broadcast: the other one is shorter, or has 1s in its leading dimensions.
 * (tfjs-backend-cpu indexes the smaller batch modulo its size, which is broadcasting only for leading 1s:
 * for [3, 2] against [3, 1] it pairs the wrong matrices, where 'simd' broadcasts as TensorFlow does.)
 */
const batchPair = fc
  .tuple(fc.array(fc.constantFrom(1, 2, 3), { maxLength: 2 }), fc.nat({ max: 2 }), fc.boolean())
  .map(([batch, leadingOnes, dropLeading]) => {
    const other = batch.map((d, i) => (i < leadingOnes ? 1 : d));
    return [batch, dropLeading ? other.slice(1) : other];
  });

function matMulCase({ fused = false } = {}) {
  return withDy(
    fc
      .record({
        m: dim,
        k: dim,
        n: dim,
        batches: batchPair,
        transposeA: fc.boolean(),
        transposeB: fc.boolean(),
        bias: fc.constantFrom('none', 'row', 'full'),
        activation: fc.constantFrom('linear', 'relu', 'relu6', 'leakyrelu'),
        swap: fc.boolean(),
      })
      .chain((p) => {
        const [ba, bb] = p.swap ? [p.batches[1], p.batches[0]] : p.batches;
        const aShape = [...ba, ...(p.transposeA ? [p.k, p.m] : [p.m, p.k])];
        const bShape = [...bb, ...(p.transposeB ? [p.n, p.k] : [p.k, p.n])];
        const tensors = [tensorOfShape(aShape), tensorOfShape(bShape)];
        if (fused && p.bias !== 'none') tensors.push(tensorOfShape(p.bias === 'row' ? [p.n] : [p.m, p.n]));
        // A fused activation has a kink at 0 (relu, relu6, leakyrelu): where a sum is 0 up to rounding, the
        // branch its gradient takes depends on rounding order (float32 here, float64 on cpu), and relu6 can clip
        // an overflowed sum. Fused cases therefore use small integers (sums exact in both), ±0, ±Infinity and
        // NaN; plain matMul keeps the whole float32 range.
        return fc
          .tuple(...tensors)
          .map((inputs) => ({ inputs: fused ? inputs.map(exactOperands) : inputs, params: { ...p, fused } }));
      }),
  );
}

/** Rounds finite values to integers in [-8, 8]: products and their sums are then exact in float32. */
function exactOperands(tensor) {
  const exact = (v) => (Number.isFinite(v) && v !== 0 ? Math.max(-8, Math.min(8, Math.round(v))) : v);
  return { ...tensor, values: tensor.values.map(exact) };
}

/** |a|·|b| + |bias| with non-finite entries counted as 0: the magnitude of the sum a fused matMul rounds. */
function fusedMatMulMagnitude(tf, a, b, bias, p) {
  const magnitude = (t) => tf.where(tf.isFinite(t), tf.abs(t), tf.zerosLike(t));
  const product = tf.matMul(magnitude(a), magnitude(b), p.transposeA, p.transposeB);
  return bias ? tf.add(product, magnitude(bias)) : product;
}

/** Two-operand equations of converted models (and one with an index summed within an operand, run on cpu). */
const EINSUM_EQUATIONS = [
  'ij,jk->ik',
  'ij,kj->ik',
  'ji,jk->ik',
  'bij,bjk->bik',
  'bhqd,bhkd->bhqk',
  'abc,cd->abd',
  'abc,cd->dba',
  'ij,ij->i',
  'i,j->ij',
  'i,i->',
  'ij,jk->i',
];

/** An equation and two float32 operands whose shapes give each index one size in 0..6. */
function einsumCase() {
  return withDy(
    fc
      .tuple(
        fc.constantFrom(...EINSUM_EQUATIONS),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 26, maxLength: 26 }),
      )
      .chain(([equation, sizes]) => {
        const [a, b] = equation
          .split('->')[0]
          .split(',')
          .map((term) => [...term].map((l) => sizes[l.charCodeAt(0) - 97]));
        return fc
          .tuple(tensorOfShape(a, 'float32', tameFloatValue), tensorOfShape(b, 'float32', tameFloatValue))
          .map((inputs) => ({ inputs, params: { equation } }));
      }),
  );
}

export function matMulProbOps(tf) {
  const gaussianScale = (tensors, { reduction, varianceFloor }) => {
    const [x, mean, logVar] = tensors;
    const v = varianceFloor == null ? logVar : tf.maximum(logVar, Math.log(varianceFloor));
    const perElement = tf.addN([
      tf.mul(tf.square(tf.sub(x, mean)), tf.exp(tf.neg(v))),
      tf.abs(v),
      tf.onesLike(tf.add(x, v)),
    ]);
    return reduction === 'none' ? perElement : tf.sum(perElement, -1);
  };
  /** Sums t over the axes that broadcasting added to reach `shape`, so that it has `shape`. */
  const reduceTo = (t, shape) => {
    const lead = t.rank - shape.length;
    const axes = t.shape.map((_d, i) => i).filter((i) => i < lead || (shape[i - lead] === 1 && t.shape[i] !== 1));
    return tf.reshape(axes.length ? tf.sum(t, axes) : t, shape);
  };
  /** |∂/∂x|, |∂/∂mean| = |z·exp(−v/2)·dy| and |∂/∂logVar| ≤ ½(1 + z²)|dy| per element, summed like the gradients. */
  const gaussianGradScale = ([x, mean, logVar], { reduction, varianceFloor }, dyAbs) => {
    const v = varianceFloor == null ? logVar : tf.maximum(logVar, Math.log(varianceFloor));
    const z = tf.mul(tf.sub(x, mean), tf.exp(tf.mul(v, -0.5)));
    const dy = reduction === 'none' ? dyAbs : tf.expandDims(dyAbs, -1);
    const dxScale = tf.abs(tf.mul(tf.mul(z, tf.exp(tf.mul(v, -0.5))), dy));
    const dvScale = tf.mul(tf.mul(tf.add(tf.square(z), 1), 0.5), dy);
    return [reduceTo(dxScale, x.shape), reduceTo(dxScale, mean.shape), reduceTo(dvScale, logVar.shape)];
  };
  return [
    {
      name: 'matMul',
      kernels: ['BatchMatMul'],
      tol: TOL.summation,
      scale: 'abs',
      arb: matMulCase(),
      run: ([a, b], p) => tf.matMul(a, b, p.transposeA, p.transposeB),
    },
    {
      name: 'fused.matMul',
      kernels: ['_FusedMatMul'],
      tol: TOL.summation,
      arb: matMulCase({ fused: true }),
      // The rounding of a fused product is that of the sum before the activation, which may clip it (relu6).
      scale: { fn: ([a, b, bias], p) => fusedMatMulMagnitude(tf, a, b, bias, p), use: 'magnitude' },
      gradScale: 'abs',
      run: ([a, b, bias], p) =>
        tf.fused.matMul({
          a,
          b,
          transposeA: p.transposeA,
          transposeB: p.transposeB,
          bias,
          activation: p.activation,
          leakyreluAlpha: 0.2,
        }),
    },
    {
      name: 'einsum',
      kernels: ['Einsum'],
      tol: TOL.summation,
      scale: 'abs',
      grad: false,
      arb: einsumCase(),
      run: ([a, b], { equation }) => tf.einsum(equation, a, b),
    },
    {
      name: 'gaussianLogLikelihood',
      kernels: ['GaussianLogLikelihood', 'GaussianLogLikelihoodGrad'],
      tol: { rtol: 1e-5, atol: 1e-5, saturation: SATURATION },
      gradTol: { rtol: 1e-4, atol: 1e-5, saturation: SATURATION },
      scale: { fn: gaussianScale, use: 'magnitude' },
      gradScale: { gradFn: gaussianGradScale, use: 'magnitude' },
      arb: withDy(
        fc
          .tuple(
            shapeArb({ minRank: 1, maxRank: 3 }),
            fc.constantFrom('full', 'row', 'scalar'),
            fc.constantFrom('full', 'row', 'scalar'),
          )
          .chain(([shape, meanKind, varKind]) => {
            const operand = (kind) =>
              tensorOfShape(
                kind === 'full' ? shape : kind === 'row' ? shape.slice(-1) : [],
                'float32',
                GAUSSIAN_OPERAND,
              );
            return fc.tuple(
              tensorOfShape(shape, 'float32', GAUSSIAN_OPERAND),
              operand(meanKind),
              operand(varKind),
              fc.record({
                reduction: fc.constantFrom('sum', 'none'),
                includeConstant: fc.boolean(),
                varianceFloor: fc.option(fc.constantFrom(0, 1e-6, Math.exp(-12), 0.5), { nil: undefined }),
              }),
            );
          })
          .map(([x, mean, logVar, params]) => ({ inputs: [x, mean, logVar], params })),
      ),
      run: ([x, mean, logVar], params) => simd.gaussianLogLikelihood(x, mean, logVar, params),
      // With no data the gradient is 0; the composite's is 0·exp(−logVar/2), NaN where that exp overflows.
      grad: (_, [x]) => x.values.length > 0,
    },
    {
      name: 'klStandardNormal',
      kernels: ['KlStandardNormal', 'KlStandardNormalGrad'],
      tol: { rtol: 1e-5, atol: 1e-5, saturation: SATURATION },
      gradTol: { rtol: 1e-4, atol: 1e-5, saturation: SATURATION },
      scale: {
        fn: ([mean, logVar]) =>
          tf.sum(tf.addN([tf.exp(logVar), tf.square(mean), tf.abs(logVar), tf.onesLike(logVar)]), -1),
        use: 'magnitude',
      },
      gradScale: 'abs',
      arb: withDy(
        fc
          .tuple(shapeArb({ minRank: 1, maxRank: 3 }), fc.boolean())
          .chain(([shape, row]) =>
            fc.tuple(
              tensorOfShape(shape, 'float32', GAUSSIAN_OPERAND),
              tensorOfShape(row ? shape.slice(-1) : shape, 'float32', GAUSSIAN_OPERAND),
            ),
          )
          .map((inputs) => ({ inputs })),
      ),
      run: ([mean, logVar]) => simd.klStandardNormal(mean, logVar),
    },
    {
      // ε is tf.randomNormal with the case's seed: the same draws on both backends (seed 0 means unseeded in tfjs).
      name: 'reparameterize',
      kernels: ['Reparameterize', 'ReparameterizeGrad'],
      tol: { rtol: 1e-5, atol: 1e-6, saturation: SATURATION },
      gradTol: { rtol: 1e-5, atol: 1e-6, saturation: SATURATION },
      gradScale: 'abs',
      arb: withDy(
        fc
          .tuple(shapeArb({ maxRank: 3 }), fc.boolean(), fc.integer({ min: 1, max: 1000 }))
          .chain(([shape, row, seed]) =>
            fc.tuple(
              tensorOfShape(shape, 'float32', GAUSSIAN_OPERAND),
              tensorOfShape(row && shape.length ? shape.slice(-1) : shape, 'float32', GAUSSIAN_OPERAND),
              fc.constant(seed),
            ),
          )
          .map(([mean, logVar, seed]) => ({ inputs: [mean, logVar], params: { seed } })),
      ),
      run: ([mean, logVar], { seed }) => simd.reparameterize(mean, logVar, seed),
      // With no sample the gradient is 0; the composite's is 0·exp(logVar/2), NaN for a NaN logVar.
      grad: (_, [mean, logVar]) => mean.values.length > 0 && logVar.values.length > 0,
    },
    {
      name: 'sigmoidCrossEntropyWithLogits',
      kernels: ['SigmoidCrossEntropyWithLogits', 'SigmoidCrossEntropyWithLogitsGrad'],
      tol: { rtol: 1e-5, atol: 1e-6 },
      gradTol: { rtol: 1e-5, atol: 1e-6 },
      scale: {
        fn: ([z, x]) => tf.addN([tf.relu(x), tf.abs(tf.mul(x, z)), tf.log1p(tf.exp(tf.neg(tf.abs(x))))]),
        use: 'magnitude',
      },
      arb: withDy(
        shapeArb()
          .chain((shape) =>
            fc.tuple(
              tensorOfShape(shape, 'float32', fc.oneof(fc.constantFrom(0, 1), floatValue)),
              tensorOfShape(shape),
            ),
          )
          .map((inputs) => ({ inputs })),
      ),
      run: ([labels, logits]) => simd.sigmoidCrossEntropyWithLogits(labels, logits),
    },
    {
      // x·l − softplus(l), summed over the last axis unless reduction 'none'.
      name: 'bernoulliLogLikelihood',
      kernels: ['BernoulliLogLikelihood', 'BernoulliLogLikelihoodGrad'],
      tol: { rtol: 1e-5, atol: 1e-6 },
      gradTol: { rtol: 1e-5, atol: 1e-6 },
      scale: {
        fn: ([x, l], { reduction }) => {
          const magnitude = tf.addN([tf.relu(l), tf.abs(tf.mul(x, l)), tf.log1p(tf.exp(tf.neg(tf.abs(l))))]);
          return reduction === 'none' ? magnitude : tf.sum(magnitude, -1);
        },
        use: 'magnitude',
      },
      arb: withDy(
        fc
          .tuple(shapeArb({ minRank: 1 }), fc.constantFrom('sum', 'none'))
          .chain(([shape, reduction]) =>
            fc.tuple(
              tensorOfShape(shape, 'float32', fc.oneof(fc.constantFrom(0, 1), floatValue)),
              tensorOfShape(shape),
              fc.constant(reduction),
            ),
          )
          .map(([x, logits, reduction]) => ({ inputs: [x, logits], params: { reduction } })),
      ),
      run: ([x, logits], { reduction }) => simd.bernoulliLogLikelihood(x, logits, { reduction }),
    },
    {
      name: 'softmaxCrossEntropyWithLogits',
      kernels: ['SoftmaxCrossEntropyWithLogits', 'SoftmaxCrossEntropyWithLogitsGrad'],
      tol: { rtol: 1e-5, atol: 1e-5 },
      gradTol: { rtol: 1e-4, atol: 1e-5 },
      scale: {
        fn: ([z, x], { axis }) => {
          const shifted = tf.sub(x, tf.max(x, axis, true));
          // log Σ exp is rounded near log 1 = 0: an absolute error of a few ulps of 1, hence the + 1.
          return tf.sum(
            tf.mul(tf.abs(z), tf.add(tf.add(tf.abs(shifted), tf.abs(tf.logSumExp(shifted, axis, true))), 1)),
            axis,
          );
        },
        use: 'magnitude',
      },
      arb: withDy(
        shapeArb({ minRank: 1, maxRank: 3 })
          .chain((shape) =>
            fc.tuple(
              // Labels are finite (probabilities) up to 1e18: an infinite one makes the composite's gradient through max()
              // NaN, and z·dy overflowing there makes it Infinity − Infinity.
              tensorOfShape(
                shape,
                'float32',
                fc.oneof(
                  fc.constantFrom(0, 1),
                  tameFloatValue,
                  floatValue.filter((v) => Number.isFinite(v) && Math.abs(v) <= 1e18),
                ),
              ),
              tensorOfShape(shape),
              fc.integer({ min: -shape.length, max: shape.length - 1 }),
            ),
          )
          .map(([z, x, axis]) => ({ inputs: [z, x], params: { axis } })),
      ),
      run: ([labels, logits], { axis }) => simd.softmaxCrossEntropyWithLogits(labels, logits, axis),
      // tfjs cannot differentiate the composite over an empty class axis ([4, 0]); the fused kernel can.
      cpuGradMayThrow: true,
      // ∂/∂logits = (Σz·softmax − z)·dy cancels terms as large as |z|; ∂/∂labels = −logSoftmax·dy.
      gradScale: {
        gradFn: ([z, x], { axis }, dyAbs) => {
          const dy = tf.expandDims(dyAbs, axis < 0 ? axis + x.rank : axis);
          const logSoftmax = tf.sub(x, tf.logSumExp(x, axis, true));
          const dLogits = tf.mul(tf.add(tf.mul(tf.sum(tf.abs(z), axis, true), tf.exp(logSoftmax)), tf.abs(z)), dy);
          return [tf.mul(tf.abs(logSoftmax), dy), dLogits];
        },
        use: 'magnitude',
      },
    },
    {
      name: 'meanPairwiseSquaredError',
      kernels: ['MeanPairwiseSquaredError', 'MeanPairwiseSquaredErrorGrad'],
      tol: { rtol: 1e-5, atol: 1e-5 },
      gradTol: { rtol: 1e-4, atol: 1e-5 },
      scale: {
        fn: ([l, p, w]) => {
          const batch = l.shape[0];
          const n = batch === 0 ? 0 : l.size / batch;
          const d = tf.reshape(tf.add(tf.abs(p), tf.abs(l)), [batch, n]);
          const item = tf.mul(tf.sum(tf.square(tf.add(d, tf.mean(d, 1, true))), 1), n >= 2 ? 2 / (n - 1) : 0);
          return tf.sum(tf.mul(tf.abs(tf.reshape(w, [-1])), item));
        },
        use: 'magnitude',
      },
      arb: withDy(
        fc
          .tuple(shapeArb({ minRank: 1, maxRank: 3 }), fc.constantFrom('scalar', 'batch'))
          .chain(([shape, wKind]) =>
            fc
              .tuple(
                tensorOfShape(shape),
                tensorOfShape(shape),
                tensorOfShape(
                  wKind === 'scalar' ? [] : [shape[0]],
                  'float32',
                  fc.oneof(fc.constant(0), tameFloatValue),
                ),
              )
              .map((inputs) => ({ inputs })),
          ),
      ),
      run: ([labels, predictions, weights]) => simd.meanPairwiseSquaredError(labels, predictions, weights),
      // The centring d − d̄ cancels terms as large as the item's |d|: gradients are judged relative to
      // |g·w|·4/(n − 1)·(|dᵢ| + mean |d|) (and the weights' to the loss of |d|); Infinity there (an item whose
      // composite overflows) leaves the gradient undefined.
      gradScale: {
        gradFn: ([l, p, w], _, dyAbs) => {
          const batch = l.shape[0];
          const n = batch === 0 ? 0 : l.size / batch;
          const d = tf.reshape(tf.add(tf.abs(p), tf.abs(l)), [batch, n]);
          const w1 = tf.abs(tf.reshape(w, [-1, 1]));
          const bound = tf.add(d, tf.mean(d, 1, true));
          const perElement = tf.mul(tf.mul(bound, tf.mul(w1, dyAbs)), n >= 2 ? 4 / (n - 1) : 0);
          const itemLoss = tf.mul(tf.sum(tf.square(bound), 1), n >= 2 ? 2 / (n - 1) : 0);
          const dWeights = tf.mul(w.rank === 0 ? tf.sum(itemLoss) : tf.reshape(itemLoss, w.shape), dyAbs);
          const overflows = tf.broadcastTo(tf.reshape(tf.logicalNot(tf.isFinite(itemLoss)), [batch, 1]), [batch, n]);
          const judged = tf.reshape(tf.where(overflows, tf.fill([batch, n], Infinity), perElement), l.shape);
          return [judged, judged, dWeights];
        },
        use: 'magnitude',
      },
      // Items of weight 0 count 0: simd's gradient there is 0, the composite's is 0·NaN through where() when
      // the item holds NaN or Infinity. Gradients are compared where every weight is non-zero.
      // Likewise items of fewer than 2 elements, which the composite multiplies by 0 (NaN for ±Infinity).
      grad: (_, [labels, predictions, weights]) => {
        const n = labels.shape[0] ? labels.values.length / labels.shape[0] : 0;
        const finite = [...labels.values, ...predictions.values].every(Number.isFinite);
        return weights.values.every((w) => w !== 0) && (n >= 2 || finite);
      },
      // tfjs cannot differentiate the composite of an empty batch; the fused kernel can.
      cpuGradMayThrow: true,
    },
  ];
}
