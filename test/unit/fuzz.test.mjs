// @ts-check
// A seeded slice of the differential fuzzer (`npm run fuzz` runs 11,000+ cases with a fresh seed): every fuzzed
// op against tfjs-backend-cpu on the same generated cases each run, forward values and gradients.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resetStats, stats, tf } from '../fuzz/differential.mjs';
import { allOps } from '../fuzz/ops.mjs';
import { caseToJson, fuzzOp } from '../fuzz/property.mjs';

const SEED = 20261128;
const RUNS_PER_OP = 25;

const ops = allOps(tf);
const families = [...new Set(ops.map((op) => op.family))];

for (const family of families) {
  test(`fuzz slice: ${family} ops agree with cpu (${RUNS_PER_OP} cases per op, seed ${SEED})`, async () => {
    let compared = 0;
    for (const op of ops.filter((o) => o.family === family)) {
      resetStats();
      const result = await fuzzOp(op, { numRuns: RUNS_PER_OP * (op.weight ?? 1), seed: SEED });
      assert.ok(result.ok, `${op.name}: ${result.message}\n  case ${caseToJson(result.counterexample)}`);
      compared += stats.cases - stats.bothThrew;
    }
    assert.ok(compared > 0, 'some cases compared values, not only errors');
  });
}

test('the comparison can fail: a wrong kernel result is caught', async () => {
  const [exp] = ops.filter((op) => op.name === 'exp');
  const wrong = { ...exp, run: ([x]) => (tf.getBackend() === 'simd' ? tf.add(tf.exp(x), 1e-3) : tf.exp(x)) };
  const result = await fuzzOp(wrong, { numRuns: 20, seed: SEED });
  assert.not.ok(result.ok);
  assert.match(result.message, /simd .*, cpu /);
});

test.run();
