// Compiled steps (src/compile/): the same step run three ways in one process, in alternating rounds (so load
// from other processes falls on each alike): compiled on 'simd', eagerly on 'simd', eagerly on
// tfjs-backend-wasm. Every step reads its loss (or first output) back, as a training loop does. Prints its own
// table with the medians, the speed-ups (wall time, and process CPU time, which load disturbs less) and the
// targets; the compiled and eager 'simd' times also go into the runner's table as two cases.
// The "VAE.fit step" cases time the package's own VAE class: one step of its fit loop (batch slice, ε draw,
// the Adam step, the loss read back), with config compile on and off ("eager 'simd'"). BENCH_CASES=<text> runs the
// cases whose names contain that text; BENCH_ROUNDS=<n> sets the rounds (5).
import { targetOf } from '../compiled_targets.mjs';
import { jenaGruModel, lstmTextModel, SIN_MLPS, VAE_SIZE, vaeNegElbo } from '../workloads.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** A training step: `makeModel()` on the active backend, then `step` (eager) or `compiled` built from it. */
function layersTraining(tf, simd, makeModel, [xShape, yShape], batchSeed) {
  return (mode) => {
    const model = makeModel();
    const x = tf.randomUniform(xShape, -1, 1, 'float32', batchSeed);
    const y = tf.randomUniform(yShape, 0, 1, 'float32', batchSeed + 1);
    const compiled = mode === 'compiled' ? simd.compileTrainStep(model) : null;
    const run =
      compiled != null
        ? () => {
            const loss = compiled(x, y);
            const value = loss.dataSync()[0];
            loss.dispose();
            return value;
          }
        : () => model.trainOnBatch(x, y);
    return {
      run,
      compiled,
      dispose: () => {
        compiled?.dispose();
        model.optimizer.dispose();
        model.dispose();
        tf.dispose([x, y]);
      },
    };
  };
}

/** Inference of `forward` on one input; reads the first output value. */
function inference(tf, simd, setup) {
  return (mode) => {
    const { forward, x, dispose } = setup();
    const f = mode === 'compiled' ? simd.compile(forward) : forward;
    const run = () => {
      const out = f(x);
      const first = Array.isArray(out) ? out[0] : out.dataId != null ? out : Object.values(out)[0];
      const value = first.dataSync()[0];
      tf.dispose(out);
      return value;
    };
    return {
      run,
      compiled: mode === 'compiled' ? f : null,
      dispose: () => {
        if (mode === 'compiled') f.dispose();
        dispose();
      },
    };
  };
}

/** Resolves after `fit` has run `steps` more batches: `fit` is called once, with onBatchEnd from `stepper`. */
function stepper(fit) {
  const STOP = new Error('benchmark over');
  let reached = null;
  let gate = null;
  const nextStep = () =>
    new Promise((resolve) => {
      reached = resolve;
    });
  let pending = nextStep();
  const fitting = fit(
    () =>
      new Promise((resolve, reject) => {
        gate = { resolve, reject };
        reached();
      }),
  ).catch((error) => {
    if (error !== STOP) throw error;
  });
  return {
    /** Lets the fit run one step and waits for its end. */
    async step() {
      await pending;
      pending = nextStep();
      gate.resolve();
      await pending;
    },
    async stop() {
      await pending;
      gate.reject(STOP);
      await fitting;
    },
  };
}

export default async function compiled(ctx) {
  const { tf, quick } = ctx;
  await import('@tensorflow/tfjs'); // chained ops (tfjs-layers' initializers use them) and gradients
  const simd = await import('../../dist/index.js');
  const { VAE } = await import('../../dist/models/index.js');
  const tfl = await import('@tensorflow/tfjs-layers');
  const wasm = ctx.backends.includes('wasm');
  const timesteps = quick ? 24 : 240;
  const sampleLen = quick ? 12 : 60;

  const vaeTraining = (decoder) => (mode) => {
    // The class compiles its own passes unless told not to: this case compiles (or not) the step itself.
    const vae = new VAE({ ...VAE_SIZE, decoder, seed: 1, compile: false });
    const x = tf.randomUniform([VAE_SIZE.batch, VAE_SIZE.inputDim], 0, 1, 'float32', 3);
    const eps = tf.randomNormal([VAE_SIZE.batch, VAE_SIZE.latentDim], 0, 1, 'float32', 4);
    const optimizer = simd.adam(1e-3);
    const step = (xb, e) => optimizer.minimize(() => vaeNegElbo(tf, simd, vae, xb, e), true, vae.variables);
    const f = mode === 'compiled' ? simd.compile(step) : step;
    const run = () => {
      const loss = f(x, eps);
      const value = loss.dataSync()[0];
      loss.dispose();
      return value;
    };
    return {
      run,
      compiled: mode === 'compiled' ? f : null,
      dispose: () => {
        f.dispose?.();
        optimizer.dispose();
        vae.dispose();
        tf.dispose([x, eps]);
      },
    };
  };

  /** One step of VAE.fit, the package's class: compile on (compiled) or off (eager). */
  const vaeClassTraining = (decoder) => (mode) => {
    const vae = new VAE({ ...VAE_SIZE, decoder, seed: 1, compile: mode === 'compiled' });
    const x = tf.randomUniform([VAE_SIZE.batch * 10, VAE_SIZE.inputDim], 0, 1, 'float32', 3);
    const fit = stepper((onBatchEnd) => vae.fit(x, { epochs: 1e9, batchSize: VAE_SIZE.batch, onBatchEnd }));
    // Recording takes the first three steps (Adam makes its moments on the first).
    return {
      run: () => fit.step(),
      compiled: null,
      warmup: 5,
      dispose: async () => {
        await fit.stop();
        vae.dispose();
        x.dispose();
      },
    };
  };

  const allCases = [
    ...SIN_MLPS.map(([label, hidden]) => [
      `sin MLP ${label} step, batch 32`,
      layersTraining(
        tf,
        simd,
        () => {
          const model = tfl.sequential();
          hidden.forEach((units, i) =>
            model.add(
              tfl.layers.dense({
                units,
                activation: 'relu',
                inputShape: i === 0 ? [1] : undefined,
                kernelInitializer: tfl.initializers.glorotUniform({ seed: 7 + i }),
              }),
            ),
          );
          model.add(tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: 99 }) }));
          model.compile({ optimizer: simd.adam(0.01), loss: 'meanSquaredError' });
          return model;
        },
        [
          [32, 1],
          [32, 1],
        ],
        11,
      ),
    ]),
    [
      `GRU step (jena-weather: ${timesteps}×14, GRU(32), batch 128, RMSProp)`,
      layersTraining(
        tf,
        simd,
        () => jenaGruModel(tfl, { timesteps }),
        [
          [128, timesteps, 14],
          [128, 1],
        ],
        21,
      ),
    ],
    [
      `LSTM step (text: LSTM(128)-LSTM(128), ${sampleLen} chars of 64, batch 128, RMSProp)`,
      layersTraining(
        tf,
        simd,
        () => lstmTextModel(tf, tfl, { sampleLen }),
        [
          [128, sampleLen, 64],
          [128, 64],
        ],
        31,
      ),
    ],
    ...['gaussian', 'bernoulli'].map((decoder) => [
      `VAE step (784-500-20, batch 100, ${decoder} decoder, Adam)`,
      vaeTraining(decoder),
    ]),
    ...['gaussian', 'bernoulli'].map((decoder) => [
      `VAE.fit step, the package's class (784-500-20, batch 100, ${decoder})`,
      vaeClassTraining(decoder),
    ]),
    [
      'batch-1 inference: VAE encoder (784-500-20)',
      inference(tf, simd, () => {
        const vae = new VAE({ ...VAE_SIZE, decoder: 'bernoulli', seed: 1, compile: false });
        const x = tf.randomUniform([1, VAE_SIZE.inputDim], 0, 1, 'float32', 5);
        return {
          forward: (t) => vae.encode(t),
          x,
          dispose: () => {
            vae.dispose();
            x.dispose();
          },
        };
      }),
    ],
    [
      `batch-1 inference: GRU (${timesteps}×14, GRU(32))`,
      inference(tf, simd, () => {
        const model = jenaGruModel(tfl, { timesteps });
        const x = tf.randomUniform([1, timesteps, 14], -1, 1, 'float32', 6);
        return {
          forward: (t) => model.predict(t),
          x,
          dispose: () => {
            model.dispose();
            x.dispose();
          },
        };
      }),
    ],
  ];

  const only = process.env.BENCH_CASES?.split(',').filter((text) => text !== '');
  const cases = only?.length ? allCases.filter(([name]) => only.some((text) => name.includes(text))) : allCases;
  const runners = [['compiled', 'simd'], ['eager', 'simd'], ...(wasm ? [['wasm', 'wasm']] : [])];
  const rounds = Number(process.env.BENCH_ROUNDS) || (quick ? 3 : 5);
  const warmupMs = quick ? 100 : 1500;
  const lines = [];
  for (const [name, make] of cases) {
    const built = [];
    for (const [mode, backend] of runners) {
      await ctx.use(backend);
      const instance = make(mode === 'compiled' ? 'compiled' : 'eager');
      // Warm up: the compiled step records (two or three calls) then replays; then every runner runs for
      // warmupMs, since V8 optimises a step's functions one by one over its first few hundred calls.
      const t0 = performance.now();
      await instance.run();
      const first = performance.now() - t0;
      for (
        let i = 0;
        i < (instance.warmup ?? 2) ||
        (instance.compiled != null && instance.compiled.stats.replays < 2) ||
        performance.now() - t0 < warmupMs;
        i++
      )
        await instance.run();
      built.push({ mode, backend, instance, estimate: first, wall: [], cpu: [] });
    }
    for (const b of built) {
      await ctx.use(b.backend);
      const t0 = performance.now();
      await b.instance.run();
      b.estimate = performance.now() - t0;
    }
    for (let round = 0; round < rounds; round++) {
      // Rotate who goes first, so no runner always follows the same one.
      for (let k = 0; k < built.length; k++) {
        const b = built[(round + k) % built.length];
        await ctx.use(b.backend);
        const calls = Math.max(1, Math.min(2000, Math.round((quick ? 30 : 100) / Math.max(b.estimate, 1e-3))));
        const wall0 = performance.now();
        const cpu0 = process.cpuUsage();
        for (let i = 0; i < calls; i++) await b.instance.run();
        const cpu = process.cpuUsage(cpu0);
        b.wall.push((performance.now() - wall0) / calls);
        b.cpu.push((cpu.user + cpu.system) / 1000 / calls);
      }
    }
    const by = Object.fromEntries(built.map((b) => [b.mode, { wall: median(b.wall), cpu: median(b.cpu) }]));
    for (const b of built) {
      if (b.mode !== 'wasm') ctx.record({ case: `${name}, ${b.mode}`, backend: 'simd', ms: by[b.mode].wall });
      else
        for (const m of ['compiled', 'eager']) ctx.record({ case: `${name}, ${m}`, backend: 'wasm', ms: by.wasm.wall });
      await b.instance.dispose();
    }
    const ratio = (base, what) => (by[base] == null ? '—' : `${(by[base][what] / by.compiled[what]).toFixed(2)}×`);
    const target = targetOf(name);
    const verdict =
      target == null || by[target.over] == null
        ? ''
        : by[target.over].wall / by.compiled.wall >= target.at
          ? 'met'
          : 'not met';
    lines.push(
      `| ${name} | ${by.compiled.wall.toFixed(2)} | ${by.eager.wall.toFixed(2)} | ${by.wasm?.wall.toFixed(2) ?? '—'} | ` +
        `${ratio('eager', 'wall')} (${ratio('eager', 'cpu')}) | ${ratio('wasm', 'wall')} (${ratio('wasm', 'cpu')}) | ` +
        `${target == null ? '—' : `≥ ${target.at}× ${target.over === 'wasm' ? 'wasm' : "eager 'simd'"}: ${verdict}`} |`,
    );
  }
  const load = (await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
  console.log(
    `\nCompiled steps, ms per step (median of ${rounds} alternating rounds; speed-ups by wall time, by process CPU time in ` +
      `parentheses); 'simd' plain build, ${simd.setThreadCount ? 'thread count as the runner set it' : ''}; load average ${load}:\n` +
      "| case | compiled | eager 'simd' | wasm | compiled × eager | compiled × wasm | target |\n|---|---|---|---|---|---|---|\n" +
      lines.join('\n'),
  );
}
