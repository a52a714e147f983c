// @ts-check
// Runs one product on 'simd' against the float64 reference of gemm_reference.mjs (bound: γ(K+1)·Σ|a·b| per
// element plus 4 ulps of the result for the activation), and checks that no tensor is left behind.
import * as assert from 'uvu/assert';
import { assertWithin, referenceMatMul } from './gemm_reference.mjs';
import { onBackend, randomValues, tf } from './setup.mjs';
import { size } from './shapes.mjs';

function operandShape(batch, rows, cols, transposed) {
  return transposed ? [...batch, cols, rows] : [...batch, rows, cols];
}

/** Runs one product on 'simd' and checks it against the reference; also checks no tensor is left behind. */
export async function checkMatMul(random, { m, n, k, batchA = [], batchB = [], transposeA, transposeB, fused }) {
  const aShape = operandShape(batchA, m, k, transposeA);
  const bShape = operandShape(batchB, k, n, transposeB);
  const a = randomValues(size(aShape), random);
  const b = randomValues(size(bShape), random);
  const extra = {};
  if (fused?.biasShape) extra.bias = randomValues(size(fused.biasShape), random);
  if (fused?.preluShape) extra.prelu = randomValues(size(fused.preluShape), random);
  const expected = referenceMatMul({ a, aShape, b, bShape, transposeA, transposeB, ...fused, ...extra });
  const what = `${JSON.stringify({ aShape, bShape, transposeA, transposeB, ...fused })}`;
  await onBackend('simd', async () => {
    const before = tf.memory().numTensors;
    const ta = tf.tensor(a, aShape);
    const tb = tf.tensor(b, bShape);
    const inputs = [ta, tb];
    let out;
    if (fused) {
      const bias = extra.bias && tf.tensor(extra.bias, fused.biasShape);
      const prelu = extra.prelu && tf.tensor(extra.prelu, fused.preluShape);
      inputs.push(...[bias, prelu].filter((t) => t != null));
      out = tf.fused.matMul({
        a: ta,
        b: tb,
        transposeA,
        transposeB,
        bias,
        activation: fused.activation,
        preluActivationWeights: prelu,
        leakyreluAlpha: fused.alpha,
      });
    } else {
      out = tf.matMul(ta, tb, transposeA, transposeB);
    }
    assert.equal(out.shape, expected.outShape, what);
    assertWithin(await out.data(), expected, what);
    tf.dispose([...inputs, out]);
    assert.is(tf.memory().numTensors, before, `${what}: tensors left behind`);
  });
}
