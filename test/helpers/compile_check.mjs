// Shared by the compile tests: bit-for-bit comparison of eager and compiled training runs.
import * as assert from 'uvu/assert';

/** Asserts two lists of typed arrays hold the same bits (Object.is: -0 differs from 0, NaN equals NaN). */
export function assertSameBits(actual, expected, what) {
  assert.is(actual.length, expected.length, `${what}: number of tensors`);
  actual.forEach((values, i) => {
    assert.is(values.length, expected[i].length, `${what} ${i}: size`);
    for (let k = 0; k < values.length; k++) {
      if (!Object.is(values[k], expected[i][k])) {
        assert.unreachable(`${what} ${i} [${k}]: compiled ${values[k]}, eager ${expected[i][k]}`);
      }
    }
  });
}

/** Copies of every tensor's values. */
export const valuesOf = (tensors) => tensors.map((t) => t.dataSync().slice());
