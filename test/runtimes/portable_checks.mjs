// @ts-check
// The portable subset of the suite: the same checks, with plain asserts and no runtime-specific API, run on
// Node, Deno, Bun, Chromium and workerd. Each check asserts against a float64 reference here, and returns
// the numbers it computed so that the runner can assert every runtime got the same ones as Node.
// The caller injects the modules, since each runtime loads the package its own way.

// The package's seeded generator: the same inputs on every runtime.
import { mulberry32 as rng } from '../../dist/data/random.js';

function uniform(size, random, lo = -1, hi = 1) {
  return Float32Array.from({ length: size }, () => lo + (hi - lo) * random());
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** |actual - expected| <= atol + rtol·|expected| element-wise. */
export function assertClose(actual, expected, { rtol, atol, what }) {
  assert(actual.length === expected.length, `${what}: length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual[i]);
    const e = Number(expected[i]);
    assert(
      Math.abs(a - e) <= atol + rtol * Math.abs(e),
      `${what}[${i}]: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`,
    );
  }
}

/** Float32 kernels against float64 references: a few float32 roundings per output. */
const REFERENCE_TOLERANCE = { rtol: 1e-5, atol: 1e-5 };

async function checkBackend({ tf }) {
  assert(await tf.setBackend('simd'), "setBackend('simd') returned false");
  assert(tf.getBackend() === 'simd', `active backend is '${tf.getBackend()}', expected 'simd'`);
  const { build, wasm } = tf.backend();
  assert(build === 'simd' || build === 'relaxed-simd', `unexpected build '${build}'`);
  assert(wasm.features.simd === true, 'features.simd is not true on a running simd backend');
  assert(
    typeof wasm.features.relaxedSimd === 'boolean' && typeof wasm.features.threads === 'boolean',
    'features flags missing',
  );
  assert(
    wasm.features.relaxedSimd === (build === 'relaxed-simd'),
    `build '${build}' but relaxedSimd ${wasm.features.relaxedSimd}`,
  );
  return { build, features: wasm.features };
}

async function checkMatMul({ tf }) {
  const [m, k, n] = [17, 33, 9];
  const random = rng(11);
  const a = uniform(m * k, random);
  const b = uniform(k * n, random);
  const expected = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[i * k + p] * b[p * n + j];
      expected[i * n + j] = sum;
    }
  }
  const product = tf.matMul(tf.tensor2d(a, [m, k]), tf.tensor2d(b, [k, n]));
  const values = Array.from(await product.data());
  assertClose(values, expected, { ...REFERENCE_TOLERANCE, what: 'matMul 17x33 · 33x9' });
  const transposed = tf.matMul(tf.tensor2d(b, [k, n]), tf.tensor2d(a, [m, k]), true, true);
  const expectedT = Array.from({ length: n * m }, (_, idx) => expected[(idx % m) * n + Math.floor(idx / m)]);
  assertClose(Array.from(await transposed.data()), expectedT, { ...REFERENCE_TOLERANCE, what: 'matMul bᵀ·aᵀ' });
  return values;
}

async function checkGaussianLogLikelihood({ tf, simd }) {
  const [rows, cols] = [5, 7];
  const random = rng(23);
  const x = uniform(rows * cols, random, -2, 2);
  const mean = uniform(rows * cols, random, -1, 1);
  const logVar = uniform(rows * cols, random, -1.5, 1.5);
  const expected = new Float64Array(rows);
  const expectedGrads = { x: [], mean: [], logVar: [] };
  for (let i = 0; i < rows * cols; i++) {
    const d = x[i] - mean[i];
    const variance = Math.exp(logVar[i]);
    expected[Math.floor(i / cols)] += -0.5 * (Math.log(2 * Math.PI) + logVar[i] + (d * d) / variance);
    expectedGrads.x.push(-d / variance);
    expectedGrads.mean.push(d / variance);
    expectedGrads.logVar.push(-0.5 + (0.5 * d * d) / variance);
  }
  const tensors = [x, mean, logVar].map((values) => tf.tensor2d(values, [rows, cols]));
  const logDensity = simd.gaussianLogLikelihood(...tensors);
  const values = Array.from(await logDensity.data());
  assertClose(values, expected, { ...REFERENCE_TOLERANCE, what: 'gaussianLogLikelihood' });
  // The gradient of Σ_rows log N: every element's partial derivatives.
  const grads = tf.grads((xs, ms, ls) => tf.sum(simd.gaussianLogLikelihood(xs, ms, ls)))(tensors);
  const gradValues = {};
  for (const [name, grad] of Object.entries({ x: grads[0], mean: grads[1], logVar: grads[2] })) {
    gradValues[name] = Array.from(await grad.data());
    assertClose(gradValues[name], expectedGrads[name], {
      ...REFERENCE_TOLERANCE,
      what: `d gaussianLogLikelihood / d ${name}`,
    });
  }
  return { values, grads: gradValues };
}

async function checkVaeTraining({ tf, VAE }) {
  const [rows, inputDim] = [64, 16];
  const random = rng(31);
  // Binary "images": each row is one of two noisy prototypes, so that training has something to learn.
  const pixels = Float32Array.from({ length: rows * inputDim }, (_, i) =>
    ((Math.floor(i / inputDim) % 2 === 0) === i % inputDim < inputDim / 2 ? random() < 0.9 : random() < 0.1) ? 1 : 0,
  );
  const x = tf.tensor2d(pixels, [rows, inputDim]);
  const vae = new VAE({ inputDim, hiddenUnits: [8], latentDim: 2, decoder: 'bernoulli', seed: 5 });
  const steps = [];
  const history = await vae.fit(x, {
    epochs: 3,
    batchSize: 16,
    onBatchEnd: (_, { elbo }) => {
      steps.push(elbo);
    },
  });
  const perSample = vae.elbo(x);
  const elbo = Array.from(await perSample.data());
  vae.dispose();
  assert(steps.length === 12, `expected 12 training steps, got ${steps.length}`);
  assert(steps.every(Number.isFinite) && elbo.every(Number.isFinite), 'VAE: non-finite ELBO');
  assert(history.elbo[2] > history.elbo[0], `VAE: ELBO did not improve over 3 epochs (${history.elbo})`);
  return { steps, epochs: history.elbo, elbo };
}

/** The runtime's name and version, from whatever it exposes. */
export function describeRuntime() {
  const g = globalThis;
  if (g.Deno?.version) return `deno ${g.Deno.version.deno}`;
  if (g.Bun?.version || g.process?.versions?.bun) return `bun ${g.Bun?.version ?? g.process.versions.bun}`;
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd';
  if (g.process?.versions?.node) return `node ${g.process.versions.node}`;
  return g.navigator?.userAgent ?? 'unknown';
}

/**
 * Runs every check; `modules` holds tf (tfjs-core), simd (the package) and VAE (its models).
 * Returns { runtime, checks: [{ name, ok, error? }], numbers }.
 */
export async function runPortableChecks(modules) {
  const checks = [];
  const numbers = {};
  const all = {
    backend: checkBackend,
    matMul: checkMatMul,
    gaussianLogLikelihood: checkGaussianLogLikelihood,
    vaeTraining: checkVaeTraining,
  };
  const { tf } = modules;
  await tf.ready();
  for (const [name, check] of Object.entries(all)) {
    const tensorsBefore = tf.memory().numTensors;
    // Disposes what the check made; what is left after that is a leak.
    tf.engine().startScope();
    let error;
    try {
      numbers[name] = await check(modules);
    } catch (e) {
      error = e;
    }
    tf.engine().endScope();
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (error == null && leaked !== 0) error = new Error(`${leaked} tensors left behind`);
    checks.push(error == null ? { name, ok: true } : { name, ok: false, error: String(error?.stack ?? error) });
  }
  return { runtime: describeRuntime(), checks, numbers };
}
