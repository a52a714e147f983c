// @ts-check
// Runs tfjs-core 4.22.0's own jasmine suite (every *_test.js its package ships: ops, gradients, tensors,
// variables, optimizers, the engine, io, ...) on 'simd' and on 'cpu', each in its own process, then checks
// spec for spec that everything passing on 'cpu' passes on 'simd', apart from the exclusions listed (with a
// reason each) in exclusions.json. 'simd' runs as by default: the threaded build, with its worker.
//   node test/core/run-core.mjs            both backends, compare, print totals
//   node test/core/run-core.mjs --backend simd [--filter text]   one backend only, print failures

import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSuite, runChild, runJasmine } from '../helpers/jasmine_suite.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const coreDist = join(root, 'node_modules/@tensorflow/tfjs-core/dist');
const buildDir = join(here, '.build');
const resultsDir = join(here, 'results');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

function specFiles() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('_test.js')) files.push(path);
    }
  };
  walk(coreDist);
  return files.sort();
}

/** Bundles the suite for one backend: the specs are ES modules with extension-less imports. */
async function bundle(backend) {
  mkdirSync(buildDir, { recursive: true });
  const imp = (path) => `import ${JSON.stringify(`./${relative(buildDir, path).split('\\').join('/')}`)};`;
  // Imports are evaluated in order, so the test env must be set in a module of its own, imported first.
  const setupFile = join(buildDir, `setup-${backend}.mjs`);
  writeFileSync(
    setupFile,
    [
      `import { setTestEnvs } from ${JSON.stringify(relative(buildDir, join(coreDist, 'jasmine_util.js')))};`,
      // One env name for both backends, so spec names match between the two runs.
      `setTestEnvs([{ name: 'test-env', backendName: '${backend}', flags: {}, isDataSync: true }]);`,
      // The simd run is in guarded memory (red zones around every block): the report counts stray writes.
      ...(backend === 'simd'
        ? [
            `import { memoryGuardReport } from ${JSON.stringify(relative(buildDir, join(root, 'dist/index.js')))};`,
            'globalThis.memoryGuardReport = memoryGuardReport;',
            `import { simdWorkerStarts } from ${JSON.stringify(relative(buildDir, join(here, 'simd_worker.mjs')))};`,
            'globalThis.simdWorkerStarted = await simdWorkerStarts();',
          ]
        : []),
    ].join('\n'),
  );
  const entry = [
    imp(join(coreDist, 'public/chained_ops/register_all_chained_ops.js')),
    imp(join(coreDist, 'register_all_gradients.js')),
    backend === 'simd'
      ? imp(join(root, 'dist/index.js'))
      : imp(join(root, 'node_modules/@tensorflow/tfjs-backend-cpu/dist/index.js')),
    imp(setupFile),
    ...specFiles().map(imp),
  ].join('\n');
  const entryFile = join(buildDir, `entry-${backend}.mjs`);
  writeFileSync(entryFile, entry);
  const outfile = join(buildDir, `core-${backend}.mjs`);
  await bundleSuite(entryFile, outfile, { mainFields: ['module', 'main'], sourcemap: false });
  return outfile;
}

/** Runs the bundled suite under jasmine in this process and writes { specName: status } as JSON. */
async function runSuite(backend, filter) {
  const { statuses, failures } = await runJasmine(await bundle(backend), (name) => !filter || name.includes(filter));
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${backend}.json`), JSON.stringify(statuses, null, 1));
  writeFileSync(join(resultsDir, `${backend}-failures.txt`), failures.join('\n'));
  const count = (s) => Object.values(statuses).filter((x) => x === s).length;
  const guard = globalThis.memoryGuardReport?.();
  if (guard != null) {
    if (!guard.enabled) throw new Error(`core suite on '${backend}' did not run in guarded memory`);
    if (guard.strayWrites > 0)
      throw new Error(`core suite on '${backend}': ${guard.strayWrites} stray writes, last: ${guard.last}`);
    console.log(`core suite on '${backend}': guarded memory, 0 stray writes`);
    if (!globalThis.simdWorkerStarted) throw new Error(`core suite on '${backend}': its worker did not start`);
  }
  if (count('passed') === 0) throw new Error(`core suite on '${backend}' ran no passing spec: the harness is broken`);
  console.log(
    `core suite on '${backend}': ${count('passed')} passed, ${count('failed')} failed, ${count('pending') + count('excluded')} skipped`,
  );
  return failures;
}

const backend = option('--backend');
if (backend) {
  const failures = await runSuite(backend, option('--filter'));
  if (args.includes('--verbose')) console.log(failures.join('\n'));
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
await Promise.all(['cpu', 'simd'].map((b) => runChild(self, ['--backend', b], `core suite on '${b}'`)));
const read = (b) => JSON.parse(readFileSync(join(resultsDir, `${b}.json`), 'utf8'));
const cpu = read('cpu');
const simd = read('simd');
const exclusions = JSON.parse(readFileSync(join(here, 'exclusions.json'), 'utf8'));
const regressions = Object.keys(cpu).filter(
  (name) => cpu[name] === 'passed' && simd[name] !== 'passed' && !(name in exclusions),
);
const staleExclusions = Object.keys(exclusions).filter((name) => simd[name] === 'passed' || !(name in cpu));
const passedOnBoth = Object.keys(cpu).filter((name) => cpu[name] === 'passed' && simd[name] === 'passed').length;
console.log(
  `core suite: ${passedOnBoth} of the ${Object.values(cpu).filter((s) => s === 'passed').length} specs that pass on 'cpu' pass on 'simd'; ${Object.keys(exclusions).length} excluded (test/core/exclusions.json)`,
);
for (const name of staleExclusions) console.log(`stale exclusion (now passes or no longer exists): ${name}`);
if (regressions.length > 0) {
  console.log(
    `${regressions.length} specs pass on 'cpu' but not on 'simd' (details: test/core/results/simd-failures.txt):`,
  );
  for (const name of regressions.slice(0, 50)) console.log(`  ${name}`);
  process.exit(1);
}
console.log(`${passedOnBoth} passed, ${regressions.length} failed`);
