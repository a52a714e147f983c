// @ts-check
// npm run fuzz: differential fuzzing of every native kernel against tfjs-backend-cpu.
//   node test/fuzz/run-fuzz.mjs [--runs N per op] [--seed S] [--only name or family] [--failures out.json]
//   node test/fuzz/run-fuzz.mjs --replay failures.json   (re-runs the shrunk cases a run wrote with --failures)
// Keep each real failure as a fixed case in test/unit/fuzz_regressions.test.mjs.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { memoryGuardReport } from '../../dist/index.js';
import { compareCase, resetStats, stats, tf } from './differential.mjs';
import { allOps } from './ops.mjs';
import { caseFromJson, caseToJson, fuzzOp } from './property.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '100' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    only: { type: 'string' },
    failures: { type: 'string' },
    replay: { type: 'string' },
  },
});

if (args.replay) {
  const byName = Object.fromEntries(allOps(tf).map((op) => [op.name, op]));
  let failing = 0;
  for (const failure of caseFromJson(readFileSync(args.replay, 'utf8'))) {
    const difference = await compareCase(byName[failure.op], failure.counterexample);
    console.log(`${difference ? 'FAIL' : 'ok  '}  ${failure.op}${difference ? `: ${difference}` : ''}`);
    if (difference) failing++;
  }
  process.exit(failing ? 1 : 0);
}
const runs = Number(args.runs);
const seed = Number(args.seed);
const ops = allOps(tf).filter((op) => !args.only || op.name.includes(args.only) || op.family === args.only);

console.log(`fuzzing ${ops.length} ops × ${runs} cases (random graphs × 10), seed ${seed}`);
let total = 0;
const failures = [];
for (const op of ops) {
  const started = Date.now();
  resetStats();
  const result = await fuzzOp(op, { numRuns: runs * (op.weight ?? 1), seed });
  total += result.numRuns;
  const ms = Date.now() - started;
  if (result.ok) {
    const errors = stats.bothThrew ? `, ${stats.bothThrew} same error` : '';
    console.log(
      `  ok    ${op.family}/${op.name}: ${result.numRuns} cases (${stats.withGradients} with gradients${errors}; ${ms} ms)`,
    );
  } else {
    console.log(`  FAIL  ${op.family}/${op.name}: ${result.message}`);
    const text = caseToJson(result.counterexample);
    console.log(`        case ${text.length > 600 ? `${text.slice(0, 600)}…` : text}`);
    failures.push({ op: op.name, family: op.family, ...result });
  }
}
const guard = memoryGuardReport();
console.log(
  `guarded memory: ${guard.enabled ? `on, ${guard.strayWrites} stray writes${guard.last ? ` (last: ${guard.last})` : ''}` : 'off (TFJS_SIMD_GUARD_MEMORY=1 turns it on)'}`,
);
if (guard.strayWrites > 0) failures.push({ op: 'guarded memory', message: guard.last });
console.log(`${total} cases, ${failures.length} failing ops`);
if (args.failures) writeFileSync(args.failures, `[${failures.map((f) => caseToJson(f)).join(',\n')}]\n`);
process.exitCode = failures.length ? 1 : 0;
