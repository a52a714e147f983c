// @ts-check
// Runs the jasmine suites of tfjs-layers and tfjs-converter from a checkout of tensorflow/tfjs (their specs
// are not in the npm packages, so `npm test` cannot run them) on 'simd' and on 'cpu', each in its own
// process, and checks spec for spec that everything passing on 'cpu' passes on 'simd', but the exclusions
// listed with a reason each in exclusions.json. Use the tag of the installed tfjs (4.22.0: `git checkout
// tfjs-v4.22.0`): the specs are compiled from the checkout's sources, against the installed tfjs-core.
//   node test/upstream/run.mjs --tfjs ../tfjs [--suite layers|converter] [--filter text]
// tfjs-layers' `describeMathCPU` specs run on a backend named 'cpu'; here they run on the backend under test.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSuite, runChild, runJasmine } from '../helpers/jasmine_suite.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

const SUITES = {
  layers: {
    dir: 'tfjs-layers/src',
    // Registers the layers' flags before any spec reads them.
    setup: ['flags_layers.ts'],
  },
  converter: {
    dir: 'tfjs-converter/src',
    setup: [],
    // These read files of the checkout that the converter's build generates (its package.json, its op list).
    skip: ['version_test.ts', 'metadata_test.ts'],
  },
};

/**
 * Specs not run on either backend: 'TensorMath Setting and getting backend' expects tfjs-layers' default
 * WebGL backend, then calls setBackend('cpu') without awaiting it; where no backend is named 'cpu' its
 * rejection fails whichever asynchronous spec runs next.
 */
const NOT_RUN = ['TensorMath Setting and getting backend'];

function specFiles(dir, skip = []) {
  const files = [];
  const walk = (at) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('_test.ts') && !skip.includes(name)) files.push(path);
    }
  };
  walk(dir);
  return files.sort();
}

/** esbuild plugins: describeMathCPU on the backend under test; the converter's op lists from its package. */
function plugins(backend) {
  return [
    {
      name: 'math-cpu-on-backend',
      setup(b) {
        b.onLoad({ filter: /test_utils\.ts$/ }, (file) => ({
          contents: readFileSync(file.path, 'utf8').replaceAll(
            "testEnv.backendName === 'cpu'",
            `testEnv.backendName === '${backend}'`,
          ),
          loader: 'ts',
        }));
      },
    },
    {
      name: 'converter-op-lists',
      setup(b) {
        // Generated at build time from JSON in the checkout; the installed package has them compiled.
        b.onResolve({ filter: /op_list\/\w+$/ }, (spec) => ({
          path: join(
            root,
            'node_modules/@tensorflow/tfjs-converter/dist/operations/op_list',
            `${spec.path.split('/').pop()}.js`,
          ),
        }));
      },
    },
  ];
}

async function bundle(tfjs, suiteName, backend) {
  const suite = SUITES[suiteName];
  const src = join(tfjs, suite.dir);
  const buildDir = join(here, '.build', suiteName);
  mkdirSync(buildDir, { recursive: true });
  const imp = (path) => `import ${JSON.stringify(path)};`;
  const setupFile = join(buildDir, `setup-${backend}.mjs`);
  writeFileSync(
    setupFile,
    [
      "import { setTestEnvs } from '@tensorflow/tfjs-core/dist/jasmine_util';",
      `setTestEnvs([{ name: 'test-env', backendName: '${backend}', flags: {}, isDataSync: true }]);`,
      ...(backend === 'simd'
        ? [
            `import { memoryGuardReport } from ${JSON.stringify(join(root, 'dist/index.js'))};`,
            'globalThis.memoryGuardReport = memoryGuardReport;',
          ]
        : []),
    ].join('\n'),
  );
  const entryFile = join(buildDir, `entry-${backend}.mjs`);
  writeFileSync(
    entryFile,
    [
      ...suite.setup.map((file) => imp(join(src, file))),
      imp('@tensorflow/tfjs-core'),
      imp('@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops'),
      imp('@tensorflow/tfjs-core/dist/register_all_gradients'),
      backend === 'simd' ? imp(join(root, 'dist/index.js')) : imp('@tensorflow/tfjs-backend-cpu'),
      imp(setupFile),
      ...specFiles(src, suite.skip).map(imp),
    ].join('\n'),
  );
  const outfile = join(buildDir, `suite-${backend}.mjs`);
  await bundleSuite(entryFile, outfile, {
    nodePaths: [join(root, 'node_modules')],
    plugins: plugins(backend),
    external: ['@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-node'],
    // Spec names include class names (`layer=${layer.name}`): the same in both bundles, whatever else they hold.
    keepNames: true,
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true } },
  });
  return { buildDir, outfile };
}

/** Runs one suite on one backend in this process; writes { specName: status } as JSON. */
async function runSuite(tfjs, suiteName, backend, filter) {
  const { buildDir, outfile } = await bundle(tfjs, suiteName, backend);
  const { statuses, failures } = await runJasmine(
    outfile,
    (name) => !NOT_RUN.includes(name) && (filter == null || name.includes(filter)),
  );
  writeFileSync(join(buildDir, `${backend}.json`), JSON.stringify(statuses, null, 1));
  writeFileSync(join(buildDir, `${backend}-failures.txt`), failures.join('\n'));
  const count = (s) => Object.values(statuses).filter((x) => x === s).length;
  const guard = globalThis.memoryGuardReport?.();
  if (backend === 'simd' && !guard?.enabled) throw new Error(`${suiteName} on 'simd' did not run in guarded memory`);
  if (guard != null && guard.strayWrites > 0)
    throw new Error(`${suiteName} on 'simd': ${guard.strayWrites} stray writes`);
  if (count('passed') === 0) throw new Error(`${suiteName} on '${backend}' ran no passing spec: the harness is broken`);
  console.log(`${suiteName} on '${backend}': ${count('passed')} passed, ${count('failed')} failed`);
}

const tfjs = option('--tfjs');
if (tfjs == null || !existsSync(join(tfjs, 'tfjs-layers/src'))) {
  console.error('usage: node test/upstream/run.mjs --tfjs <checkout of tensorflow/tfjs> [--suite layers|converter]');
  process.exit(2);
}
const only = option('--suite');
const backend = option('--backend');
if (backend != null) {
  await runSuite(resolve(tfjs), only ?? 'layers', backend, option('--filter'));
  process.exit(0);
}
const exclusions = JSON.parse(readFileSync(join(here, 'exclusions.json'), 'utf8'));
let regressions = 0;
for (const suiteName of only != null ? [only] : Object.keys(SUITES)) {
  await Promise.all(
    ['cpu', 'simd'].map((b) =>
      runChild(
        fileURLToPath(import.meta.url),
        ['--tfjs', resolve(tfjs), '--suite', suiteName, '--backend', b],
        `${suiteName} on '${b}'`,
      ),
    ),
  );
  const read = (b) => JSON.parse(readFileSync(join(here, '.build', suiteName, `${b}.json`), 'utf8'));
  const cpu = read('cpu');
  const simd = read('simd');
  const passing = Object.keys(cpu).filter((name) => cpu[name] === 'passed');
  const failing = passing.filter((name) => simd[name] !== 'passed' && !(name in exclusions));
  console.log(
    `${suiteName}: ${passing.length - failing.length} of the ${passing.length} specs that pass on 'cpu' pass on 'simd'` +
      ` (${passing.filter((name) => name in exclusions).length} excluded, test/upstream/exclusions.json)`,
  );
  for (const name of failing) console.log(`  fails on 'simd': ${name}`);
  regressions += failing.length;
}
process.exit(regressions > 0 ? 1 : 0);
