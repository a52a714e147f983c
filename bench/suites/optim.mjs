// The fused Adam against tfjs's own, in one run: the update alone over the VAE's variables (on every backend:
// simd.adam is tfjs's AdamOptimizer itself off 'simd', so those two rows match there), and a whole VAE step on
// 'simd' with either optimizer. Printed notes give the fused-over-stock speed-ups of the same run.
import { VAE_SIZE, vaeTrainStep } from '../workloads.mjs';

/** [in, out] of the Bernoulli VAE's dense layers (784-500-20 encoder to mean and log-variance, and back). */
const VAE_LAYERS = [
  [784, 500],
  [500, 40],
  [20, 500],
  [500, 784],
];

let made = 0;

/** One applyGradients of `optimizer` over variables of the VAE's shapes with fixed random gradients. */
function adamUpdate(tf, makeAdam) {
  const shapes = VAE_LAYERS.flatMap(([inputs, outputs]) => [[inputs, outputs], [outputs]]);
  const optimizer = makeAdam(1e-3);
  const scope = `optim_bench_${made++}`;
  // tidy frees the initial values; the variables keep their data.
  const variables = tf.tidy(() =>
    shapes.map((shape, i) => tf.variable(tf.randomNormal(shape, 0, 0.1, 'float32', i), true, `${scope}/${i}`)),
  );
  const gradients = Object.fromEntries(
    variables.map((v, i) => [v.name, tf.randomNormal(v.shape, 0, 1, 'float32', 100 + i)]),
  );
  const floats = variables.reduce((sum, v) => sum + v.size, 0);
  const run = () => optimizer.applyGradients(gradients);
  const dispose = () => {
    optimizer.dispose();
    tf.dispose([...variables, ...Object.values(gradients)]);
  };
  return { run, dispose, floats };
}

export default async function optim(ctx) {
  const { tf, backends, quick } = ctx;
  const { adam } = await import('../../dist/index.js');
  const { VAE } = await import('../../dist/models/index.js');
  const optimizers = [
    ['tf.train.adam', (lr) => tf.train.adam(lr)],
    ['simd.adam', adam],
  ];
  const ms = {};
  for (const [label, makeAdam] of optimizers) {
    for (const backend of backends) {
      await ctx.use(backend);
      const update = adamUpdate(tf, makeAdam);
      const name = `Adam update of the VAE's variables (${(update.floats / 1e3).toFixed(0)}K floats), ${label}`;
      // Reads g, m, v, the variable; writes m, v, the variable: 28 bytes per float at the least.
      const row = await ctx.measure(name, update.run, {
        backend,
        bytes: 28 * update.floats,
        ...(backend === 'cpu' ? { runs: 3, minMs: 0 } : {}),
      });
      ms[`update ${label} ${backend}`] = row.ms;
      update.dispose();
    }
  }
  for (const decoder of quick ? ['bernoulli'] : ['gaussian', 'bernoulli']) {
    for (const [label, makeAdam] of optimizers) {
      for (const backend of backends.filter((b) => b.startsWith('simd'))) {
        await ctx.use(backend);
        const step = vaeTrainStep(tf, VAE, decoder, VAE_SIZE, makeAdam);
        const row = await ctx.measure(`VAE step, ${decoder} decoder, ${label}`, step.run, {
          backend,
          ...(quick ? { runs: 3, minMs: 0 } : {}),
        });
        ms[`${decoder} ${label} ${backend}`] = row.ms;
        step.dispose();
      }
    }
  }
  const speedup = (key) => `${(ms[key.replace('#', 'tf.train.adam')] / ms[key.replace('#', 'simd.adam')]).toFixed(2)}×`;
  const simdBackends = backends.filter((b) => b.startsWith('simd'));
  console.log(
    `\nFused Adam over tfjs's Adam (same run): update ${simdBackends.map((b) => `${b} ${speedup(`update # ${b}`)}`).join(', ')}; ` +
      `VAE step ${(quick ? ['bernoulli'] : ['gaussian', 'bernoulli']).flatMap((d) => simdBackends.map((b) => `${d} ${b} ${speedup(`${d} # ${b}`)}`)).join(', ')}`,
  );
}
