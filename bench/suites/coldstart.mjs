// Cold start: a fresh `node` process per sample, timed from the first `import` of tfjs to the first result
// of a 256×256 matmul read back (the row), for each backend. The process start before the import (node's
// own boot, ~70 ms here) is printed as a note, not counted in the row.
//
// `node bench/suites/coldstart.mjs --child <backend>` is one sample: it prints a JSON line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const self = fileURLToPath(import.meta.url);
const RELAXED_FLAG = '--experimental-wasm-relaxed-simd';

/** Imports tfjs-core and one backend, makes it active, multiplies two 256×256 matrices and reads the result. */
async function firstMatMul(backend) {
  const bootMs = performance.now();
  const tf = await import('@tensorflow/tfjs-core');
  if (backend.startsWith('simd')) {
    const simd = await import('tfjs-backend-simd'); // the package as users get it (its bundled entry)
    simd.setWasmBuild(backend === 'simd-relaxed' ? 'relaxed-simd' : 'simd');
    await tf.setBackend('simd');
  } else {
    await import(`@tensorflow/tfjs-backend-${backend}`);
    await tf.setBackend(backend);
  }
  const a = tf.ones([256, 256]);
  const product = tf.matMul(a, a);
  const value = (await product.data())[0];
  if (value !== 256) throw new Error(`cold start on ${backend}: expected 256, got ${value}`);
  return { bootMs, importToResultMs: performance.now() - bootMs };
}

function sample(backend) {
  // A user's plain `node`, plus the flag Node 20 needs for the relaxed build.
  const flags = backend === 'simd-relaxed' ? [RELAXED_FLAG] : [];
  const child = spawnSync(process.execPath, [...flags, self, '--child', backend], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`cold start child (${backend}) failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop());
}

export default async function coldstart(ctx) {
  const { backends, quick } = ctx;
  const samples = quick ? 1 : 5;
  const boots = [];
  for (const backend of backends) {
    const runs = Array.from({ length: samples }, () => sample(backend));
    const median = (key) => runs.map((r) => r[key]).sort((x, y) => x - y)[samples >> 1];
    ctx.record({
      case: 'fresh process: import → first 256×256 matMul result',
      backend,
      ms: median('importToResultMs'),
    });
    boots.push(`${backend} ${median('bootMs').toFixed(0)} ms`);
  }
  console.log(`\nCold start: node's own boot before the import (median, not in the row): ${boots.join(', ')}`);
}

if (process.argv[2] === '--child' && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await firstMatMul(process.argv[3])));
}
