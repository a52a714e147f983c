// @ts-check
// Cloudflare Workers: runs the portable checks and the example worker (examples/worker/) in workerd through
// miniflare on 127.0.0.1, with real HTTP requests, and checks the answers against the same model run in Node.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { Miniflare } from 'miniflare';
import { PNG } from 'pngjs';
import '../../dist/index.js';
import { VAE } from '../../dist/models/index.js';
import { bundleWorker } from '../../examples/worker/build.mjs';
import { loadMnist, PIXELS } from '../../packages/cli/dist/data/mnist.js';
import { assertClose } from './portable_checks.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = join(root, 'test/runtimes/.build');

/** Model outputs in workerd against Node: the same kernels, so float32 rounding is the only difference. */
const MODEL_TOLERANCE = { rtol: 1e-4, atol: 1e-5 };

/** Starts a bundled worker in workerd on 127.0.0.1, runs `use(url)`, and always stops it. */
async function withWorker(entry, name, use) {
  const outdir = join(buildDir, name);
  const modules = await bundleWorker({ entry, outdir });
  const mf = new Miniflare({
    modulesRoot: outdir,
    modules: modules.map((m) => ({ ...m, path: join(outdir, m.path) })),
    compatibilityDate: '2026-04-01',
    host: '127.0.0.1',
    port: 0,
  });
  try {
    const url = await mf.ready;
    return await use(url);
  } finally {
    await mf.dispose();
  }
}

/** The portable checks inside workerd: their result, as the other runtimes report it. */
export async function runPortableInWorkerd() {
  return withWorker(join(root, 'test/runtimes/workerd/portable_worker.mjs'), 'portable-worker', async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`portable worker answered ${response.status}: ${await response.text()}`);
    return response.json();
  });
}

/** The embedded entry in workerd: setBackend('simd') must fail with a message that names the workers entry. */
export async function runDefaultEntryInWorkerd() {
  return withWorker(
    join(root, 'test/runtimes/workerd/default_entry_worker.mjs'),
    'default-entry-worker',
    async (url) => {
      const { switched, message } = await expectJson(await fetch(url), 200, 'embedded entry worker');
      assert(switched === false, `setBackend('simd') returned ${switched} where compiling WebAssembly is forbidden`);
      assert(
        message?.includes("Import 'tfjs-backend-simd/workers'"),
        `no message naming the workers entry: ${message}`,
      );
      return message;
    },
  );
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function expectJson(response, status, what) {
  const text = await response.text();
  assert(response.status === status, `${what}: status ${response.status}, expected ${status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** What the example worker must answer, computed in Node from the same model files. */
async function referenceAnswers(rows, n, seed) {
  await tf.setBackend('simd');
  const vae = await VAE.load(join(root, 'examples/worker/model'));
  const x = tf.tensor2d(rows, [rows.length, PIXELS]);
  const elbo = vae.elbo(x);
  const samples = vae.sample(n, seed);
  const answers = { elbo: Array.from(await elbo.data()), pixels: Array.from(await samples.data()) };
  tf.dispose([x, elbo, samples]);
  vae.dispose();
  return answers;
}

/** Runs the example worker and checks POST /score, GET /sample (JSON and PNG) and the error answers. */
export async function runExampleWorker() {
  const { test } = loadMnist();
  const digits = Array.from({ length: 8 }, (_, i) => Array.from(test.images.subarray(i * PIXELS, (i + 1) * PIXELS)));
  // Salt-and-pepper noise: nothing like a digit, so the model must give it a far lower ELBO.
  const noise = Array.from({ length: PIXELS }, (_, i) => ((i * 7919) % 13 < 6 ? 1 : 0));
  const rows = [...digits, noise];
  const [n, seed] = [4, 3];
  const expected = await referenceAnswers(rows, n, seed);

  return withWorker(join(root, 'examples/worker/src/worker.ts'), 'example-worker', async (url) => {
    const post = (body) =>
      fetch(new URL('/score', url), { method: 'POST', body, headers: { 'content-type': 'application/json' } });

    const scored = await expectJson(await post(JSON.stringify(rows)), 200, 'POST /score');
    assertClose(scored.elbo, expected.elbo, { ...MODEL_TOLERANCE, what: 'POST /score elbo' });
    assert(Math.max(...scored.elbo.slice(0, 8)) < 0, 'POST /score: an ELBO is not negative');
    assert(
      scored.elbo[8] < Math.min(...scored.elbo.slice(0, 8)) - 100,
      `POST /score: noise scored ${scored.elbo[8]}, not far below the digits`,
    );
    const wrapped = await expectJson(
      await post(JSON.stringify({ rows: digits.slice(0, 2) })),
      200,
      'POST /score {rows}',
    );
    assertClose(wrapped.elbo, expected.elbo.slice(0, 2), { ...MODEL_TOLERANCE, what: 'POST /score {rows}' });

    const sampled = await expectJson(await fetch(new URL(`/sample?n=${n}&seed=${seed}`, url)), 200, 'GET /sample');
    assert(sampled.n === n && sampled.side === 28 && sampled.pixels.length === n * PIXELS, 'GET /sample: wrong shape');
    assertClose(sampled.pixels, expected.pixels, { ...MODEL_TOLERANCE, what: 'GET /sample pixels' });

    const pngResponse = await fetch(new URL(`/sample?n=${n}&seed=${seed}&format=png`, url));
    assert(
      pngResponse.status === 200 && pngResponse.headers.get('content-type') === 'image/png',
      `GET /sample png: ${pngResponse.status}`,
    );
    const png = PNG.sync.read(Buffer.from(await pngResponse.arrayBuffer()));
    assert(png.width === n * 28 && png.height === 28, `GET /sample png: ${png.width}x${png.height}`);
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < PIXELS; p++) {
        const [y, x] = [Math.floor(p / 28), p % 28];
        const gray = png.data[4 * (y * png.width + i * 28 + x)];
        const want = Math.round(255 * expected.pixels[i * PIXELS + p]);
        assert(Math.abs(gray - want) <= 1, `GET /sample png: digit ${i} pixel ${p} is ${gray}, expected ${want}`);
      }
    }

    await expectJson(await post('[[1, 2]]'), 400, 'POST /score with a short row');
    await expectJson(await post('not json'), 400, 'POST /score with a body that is not JSON');
    await expectJson(await fetch(new URL('/sample?n=0', url)), 400, 'GET /sample?n=0');
    await expectJson(await fetch(new URL('/nowhere', url)), 404, 'GET /nowhere');
    return { backend: scored.backend, elbo: scored.elbo };
  });
}
