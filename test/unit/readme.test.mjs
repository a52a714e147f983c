// @ts-check
// README says what the code does: the kernel table is the one the package reports (scripts/kernel-table.mjs
// prints it), its figure tables are the saved benchmark runs' (scripts/readme-tables.mjs writes them), its
// imports name real exports, and its claims about the models, types and command line hold.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import '@tensorflow/tfjs-backend-cpu'; // the fallback list is tfjs-backend-cpu's, once it is loaded
import * as backend from '../../dist/index.js';
import * as models from '../../dist/models/index.js';
import { renderReadme, staleBlocks } from '../../scripts/readme-tables.mjs';
import { allOps } from '../fuzz/ops.mjs';

const { kernelCoverage } = backend;
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** The text of one `## title` section. */
const section = (title) => {
  const start = readme.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `README has a '${title}' section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
};

test('README lists exactly the kernels that run natively and those that fall back', () => {
  const row = (label) => {
    const line = readme.split('\n').find((l) => l.startsWith(`| ${label} |`));
    assert.ok(line, `README has a '${label}' row`);
    return [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  };
  const { native, fallback } = kernelCoverage();
  assert.equal(row('native WASM SIMD'), native);
  assert.equal(row("tfjs-backend-cpu's code on the same memory"), fallback);
});

test("README's figure tables are the benchmark runs saved in bench/readme/", () => {
  const blocks = readme.match(/<!-- bench-table (?!end)/g) ?? [];
  assert.ok(blocks.length >= 5, `README has generated tables (${blocks.length})`);
  assert.equal(staleBlocks(readme, renderReadme(readme)), []);
  // No figure table outside a generated block: a table with a GFLOPS, ms or × cell is generated.
  const outside = readme.replace(/<!-- bench-table (?!end)[\s\S]*?<!-- bench-table end -->/g, '');
  const typed = outside.split('\n').filter((line) => line.startsWith('| ') && /\d (ms|GFLOPS|GB\/s)\b|\d×/.test(line));
  assert.equal(typed, []);
});

test('a table differs from its run: the check names the block', () => {
  const run = {
    date: '2026-01-01T00:00:00.000Z',
    runtime: 'node v20',
    threads: 1,
    repeats: 1,
    backends: ['simd', 'wasm'],
    summary: [
      { suite: 's', case: 'c', backend: 'simd', ms: 1 },
      { suite: 's', case: 'c', backend: 'wasm', ms: 3 },
    ],
  };
  const text = '<!-- bench-table from=run.json -->\n<!-- bench-table end -->\n';
  const rendered = renderReadme(text, () => run);
  assert.match(rendered, /\| c \| ms \| 1\.000 ms \| 3\.000 ms \| 3\.00× \|/);
  assert.equal(staleBlocks(rendered, rendered), []);
  const edited = rendered.replace('3.00×', '4.00×');
  assert.equal(staleBlocks(edited, rendered), ['<!-- bench-table from=run.json -->']);
});

test("README's fuzzer counts are what the fuzzer runs", () => {
  const ops = allOps(tf);
  const native = kernelCoverage().native;
  const fuzzed = new Set(ops.flatMap((op) => op.kernels).filter((kernel) => native.includes(kernel)));
  assert.ok(
    readme.includes(`(${fuzzed.size} of the ${native.length} in \`kernelCoverage().native\``),
    `README: the fuzzer covers ${fuzzed.size} of the ${native.length} native kernels`,
  );
  const cases = (runs) => ops.reduce((sum, op) => sum + runs * (op.weight ?? 1), 0).toLocaleString('en-US');
  const fuzzRuns = Number(/--runs (\d+)/.exec(readFileSync('package.json', 'utf8'))[1]);
  const sliceRuns = Number(/RUNS_PER_OP = (\d+)/.exec(readFileSync('test/unit/fuzz.test.mjs', 'utf8'))[1]);
  assert.ok(
    readme.includes(`\`npm run fuzz\` runs ${cases(fuzzRuns)} cases`),
    `README: npm run fuzz runs ${cases(fuzzRuns)}`,
  );
  assert.ok(
    readme.includes(`seeded\nslice of ${cases(sliceRuns)} cases`) ||
      readme.includes(`seeded slice of ${cases(sliceRuns)} cases`),
    `README: npm test runs a slice of ${cases(sliceRuns)}`,
  );
});

test("README's code imports only what the package exports, through its public entry points", () => {
  const blocks = [...readme.matchAll(/```(?:js|ts)\n([\s\S]*?)```/g)].map((m) => m[1]);
  const entries = { 'tfjs-backend-simd': backend, 'tfjs-backend-simd/models': models };
  let checked = 0;
  for (const block of blocks) {
    assert.not.match(block, /from '\.\.?\/(dist|src)\//, 'no import from the repository layout');
    for (const [, names, entry] of block.matchAll(/import \{([^}]+)\} from '(tfjs-backend-simd[^']*)'/g)) {
      assert.ok(entries[entry], `README imports the entry '${entry}'`);
      for (const name of names
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)) {
        assert.ok(name in entries[entry], `'${entry}' exports ${name}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 5, `checked ${checked} imported names`);
});

test('README: VAE.fit returns { elbo, valElbo }; every model has save, load and dispose', async () => {
  const models_ = section('Models');
  assert.ok(models_.includes('returns `{ elbo, valElbo }`'));
  await tf.setBackend('cpu');
  const vae = new models.VAE({ inputDim: 3, hiddenUnits: [2], latentDim: 1, decoder: 'gaussian' });
  const x = /** @type {tf.Tensor2D} */ (tf.ones([4, 3]));
  const history = await vae.fit(x, { epochs: 1, batchSize: 2, validationData: x });
  assert.equal(Object.keys(history).sort(), ['elbo', 'valElbo']);
  vae.dispose();
  x.dispose();
  for (const [name, Model] of Object.entries({
    VAE: models.VAE,
    MLPRegressor: models.MLPRegressor,
    AnomalyDetector: models.AnomalyDetector,
  })) {
    assert.type(Model.prototype.dispose, 'function', `${name}.dispose`);
    assert.type(Model.prototype.save, 'function', `${name}.save`);
    assert.type(Model.load, 'function', `${name}.load`);
    assert.ok(models_.includes(`${name}.load(store)`), `README documents ${name}.load`);
  }
  for (const bullet of ['- `new VAE(', '- `new MLPRegressor(', '- `new AnomalyDetector(']) {
    const text = models_.slice(models_.indexOf(bullet)).split('\n- ')[0];
    assert.ok(text.includes('`dispose()`'), `dispose() documented in ${bullet}`);
  }
});

test('README: SimdMemoryInfo types tf.memory() on simd, whose fields are there', async () => {
  assert.ok(section('Usage').includes('SimdMemoryInfo'));
  const types = readFileSync(new URL('../../dist/index.d.ts', import.meta.url), 'utf8');
  assert.match(
    types,
    /export type SimdMemoryInfo = MemoryInfo & \{\s*numBytesInWasm: number;\s*numBytesPacked: number;\s*wasmMemoryBytes: number;\s*\}/,
  );
  await tf.setBackend('simd');
  const memory = /** @type {import('../../dist/index.js').SimdMemoryInfo} */ (tf.memory());
  assert.type(memory.numBytesInWasm, 'number');
  assert.type(memory.numBytesPacked, 'number');
  assert.type(memory.wasmMemoryBytes, 'number');
});

test("README's command table lists exactly the command line's commands", () => {
  const help = spawnSync(process.execPath, ['packages/cli/dist/index.js', '--help'], { encoding: 'utf8' }).stdout;
  const commands = [...help.matchAll(/^ {2}([a-z][a-z-]+)/gm)].map((m) => m[1]).filter((c) => c !== 'help');
  const table = [...section('The command line').matchAll(/^\| `([a-z][a-z-]+)/gm)].map((m) => m[1]);
  assert.equal(table, commands);
});

test.run();
