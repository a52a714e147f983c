// @ts-check
// Runs a probabilistic op (forward, or its gradients) on one backend from plain float32 operands,
// and checks that nothing is left allocated.
import '@tensorflow/tfjs'; // registers the gradients of the stock ops the composite path uses
import * as assert from 'uvu/assert';
import { onBackend, tf } from './setup.mjs';

export const BACKENDS = ['cpu', 'simd'];

export const operand = (values, shape) => ({ values, shape });

const toTensors = (operands) => operands.map(({ values, shape }) => tf.tensor(values, shape, 'float32'));

/** `op(...tensors)` on `backend`: its values and shape. */
export async function forward(backend, op, operands) {
  return onBackend(backend, async () => {
    assert.is(tf.getBackend(), backend, 'the backend under test is active');
    const before = tf.memory().numTensors;
    const t = toTensors(operands);
    const out = op(...t);
    const result = { values: await out.data(), shape: out.shape };
    tf.dispose([...t, out]);
    assert.is(tf.memory().numTensors, before, `${backend}: tensors leaked`);
    return result;
  });
}

/** Gradients of Σ upstream·op(...) with respect to every operand, on `backend`. */
export async function gradients(backend, op, operands, upstream) {
  return onBackend(backend, async () => {
    const before = tf.memory().numTensors;
    const t = toTensors(operands);
    const probe = op(...t);
    const dy = tf.tensor(upstream, probe.shape, 'float32');
    probe.dispose();
    const grads = tf.grads(op)(t, dy);
    const values = await Promise.all(grads.map((g) => g.data()));
    grads.forEach((g, i) => assert.equal(g.shape, t[i].shape, `${backend}: gradient ${i} shape`));
    tf.dispose([...t, dy, ...grads]);
    assert.is(tf.memory().numTensors, before, `${backend}: tensors leaked by the gradient`);
    return values;
  });
}
