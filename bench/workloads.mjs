// The workloads the Node suites (bench/suites/*.mjs) and the browser page (bench/browser/page.mjs) time, in
// one place so both measure exactly the same thing. Each maker takes the tfjs modules it needs (the caller
// imports them: Node and the bundled page resolve them differently), builds its inputs on the active backend
// and returns { run, dispose }: `run` does one unit of work and returns a number read back from the backend
// (so an asynchronous backend such as WebGL has finished it too), `dispose` frees what the maker built.

let readAsynchronously = false;

/**
 * How `run` reads its result back: with `dataSync()` (the default, the Node suites), or, once this is called,
 * with `await data()`, `run` then returning a promise (the browser page, on every backend alike:
 * tfjs-backend-webgpu reads synchronously through canvases, slowly, and on SwiftShader lost its device after a few).
 */
export function readResultsAsynchronously() {
  readAsynchronously = true;
}

/** `summarize(values)` of `tensor`, which it disposes; a promise of it when reads are asynchronous. */
function readBack(tensor, summarize = (values) => values[0]) {
  const done = (values) => {
    const value = summarize(values);
    tensor.dispose();
    return value;
  };
  return readAsynchronously ? tensor.data().then(done) : done(tensor.dataSync());
}

/** The VAE of the issue: 784-500-20, batch 100. */
export const VAE_SIZE = { inputDim: 784, hiddenUnits: [500], latentDim: 20, batch: 100 };

/** [in, out] of every dense layer of a VAE: encoder to 2·latent (mean, log-variance), decoder back to the pixels. */
function vaeLayers({ inputDim, hiddenUnits, latentDim }, decoder) {
  const decoderOut = decoder === 'gaussian' ? 2 * inputDim : inputDim;
  const encoder = [inputDim, ...hiddenUnits, 2 * latentDim];
  const decoderWidths = [latentDim, ...[...hiddenUnits].reverse(), decoderOut];
  const pairs = (widths) => widths.slice(1).map((out, i) => [widths[i], out]);
  return [...pairs(encoder), ...pairs(decoderWidths)];
}

/**
 * Matmul FLOPs of one train step: per dense layer the forward product and its two backprop products
 * (dx and dW), 2·batch·in·out each. Element-wise work is not counted, so this is the useful GEMM work.
 */
export function vaeStepFlops(decoder, size = VAE_SIZE) {
  return vaeLayers(size, decoder).reduce((sum, [inputs, outputs]) => sum + 3 * 2 * size.batch * inputs * outputs, 0);
}

/** Pixels in [0, 1), the same on every backend (tfjs's seeded generators run in JavaScript). */
function pixels(tf, rows, inputDim, seed) {
  return tf.randomUniform([rows, inputDim], 0, 1, 'float32', seed);
}

/** tfjs's Adam; the Node suites pass tfjs-backend-simd's `adam` instead (the same optimizer on every backend). */
const stockAdam = (tf) => (learningRate) => tf.train.adam(learningRate);

/**
 * One Adam step on −ELBO, as VAE.fit takes it (optimizer.minimize over the batch's mean ELBO, one posterior
 * sample with a per-step seed); `run` returns the step's loss. `adam(learningRate)` makes the optimizer.
 */
export function vaeTrainStep(tf, VAE, decoder, size = VAE_SIZE, adam = stockAdam(tf)) {
  const vae = new VAE({
    inputDim: size.inputDim,
    hiddenUnits: size.hiddenUnits,
    latentDim: size.latentDim,
    decoder,
    seed: 1,
  });
  const optimizer = adam(1e-3);
  const x = pixels(tf, size.batch, size.inputDim, 3);
  let step = 0;
  const run = () => {
    const seed = 1000 + step++;
    return readBack(optimizer.minimize(() => tf.neg(tf.mean(vae.elbo(x, seed))), true, vae.variables));
  };
  const dispose = () => {
    optimizer.dispose();
    vae.dispose();
    x.dispose();
  };
  return { run, dispose, vae };
}

/**
 * vaeTrainStep's step with the package's Adam, compiled (simd.compile): the step as the package's VAE.fit runs
 * it on 'simd', without tfjs's per-op JavaScript. ε comes in as an input (a fixed draw), as in the compiled suite.
 */
export function vaeCompiledTrainStep(tf, simd, VAE, decoder, size = VAE_SIZE) {
  const vae = new VAE({ ...size, decoder, seed: 1, compile: false });
  const optimizer = simd.adam(1e-3);
  const x = pixels(tf, size.batch, size.inputDim, 3);
  const eps = tf.randomNormal([size.batch, size.latentDim], 0, 1, 'float32', 4);
  const step = simd.compile((xb, e) => optimizer.minimize(() => vaeNegElbo(tf, simd, vae, xb, e), true, vae.variables));
  const run = () => readBack(step(x, eps));
  const dispose = () => {
    step.dispose();
    optimizer.dispose();
    vae.dispose();
    tf.dispose([x, eps]);
  };
  return { run, dispose, vae };
}

/** Encode then decode (the posterior mean's reconstruction) of `batch` rows; `run` returns the first pixel. */
export function vaeInference(tf, VAE, decoder, batch, size = VAE_SIZE) {
  const vae = new VAE({
    inputDim: size.inputDim,
    hiddenUnits: size.hiddenUnits,
    latentDim: size.latentDim,
    decoder,
    seed: 1,
  });
  const x = pixels(tf, batch, size.inputDim, 5);
  const run = () => readBack(vae.reconstruct(x));
  return {
    run,
    dispose: () => {
      vae.dispose();
      x.dispose();
    },
  };
}

/**
 * One Adam step of the anomaly detector's conv autoencoder (conv 16 and 32 stride 2, dense 32, upsample and
 * conv back) on a batch of 64 28×28 images; `run` returns the loss.
 */
export function convAutoencoderStep(tf, ConvAutoencoder, batch = 64) {
  const model = new ConvAutoencoder({ imageShape: [28, 28, 1], filters: [16, 32], seed: 1 });
  const optimizer = tf.train.adam(1e-3);
  const images = tf.randomUniform([batch, 28, 28, 1], 0, 1, 'float32', 3);
  const loss = () => tf.mean(model.reconstructionError(images));
  const run = () => readBack(optimizer.minimize(loss, true, model.variables));
  return {
    run,
    dispose: () => {
      optimizer.dispose();
      model.dispose();
      images.dispose();
    },
  };
}

/**
 * convAutoencoderStep's step as the package's ConvAutoencoder.fit runs it on 'simd': the package's Adam, the
 * step compiled (simd.compile), without tfjs's per-op JavaScript.
 */
export function convAutoencoderCompiledStep(tf, simd, ConvAutoencoder, batch = 64) {
  const model = new ConvAutoencoder({ imageShape: [28, 28, 1], filters: [16, 32], seed: 1, compile: false });
  const optimizer = simd.adam(1e-3);
  const images = tf.randomUniform([batch, 28, 28, 1], 0, 1, 'float32', 3);
  const step = simd.compile((x) =>
    optimizer.minimize(() => tf.mean(model.reconstructionError(x)), true, model.variables),
  );
  const run = () => readBack(step(images));
  return {
    run,
    dispose: () => {
      step.dispose();
      optimizer.dispose();
      model.dispose();
      images.dispose();
    },
  };
}

/** The sin MLPs: x ↦ sin(x) with relu hidden layers of these widths and one linear output. */
export const SIN_MLPS = [
  ['Dense(500)', [500]],
  ['Dense(20)-Dense(20)', [20, 20]],
];

/**
 * One tfjs-layers `trainOnBatch` step (Adam, mean squared error) of a sin MLP on a batch of 32;
 * `run` is asynchronous (trainOnBatch is) and returns the loss. Weights come from a seeded initializer.
 */
export function sinMlpStep(tf, tfl, hiddenUnits, batch = 32, adam = stockAdam(tf)) {
  const model = tfl.sequential();
  hiddenUnits.forEach((units, i) =>
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
  const optimizer = adam(0.01);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const x = tf.randomUniform([batch, 1], -Math.PI, Math.PI, 'float32', 11);
  return trainOnBatchStep(tf, model, optimizer, x, tf.sin(x));
}

/** `run`: one trainOnBatch of the compiled model on (x, y); `dispose` frees them all. */
function trainOnBatchStep(tf, model, optimizer, x, y) {
  return {
    run: async () => model.trainOnBatch(x, y),
    dispose: () => {
      model.dispose();
      // model.dispose() leaves the optimizer's state (Adam's moments) alive: it is disposed on its own.
      optimizer.dispose();
      tf.dispose([x, y]);
    },
  };
}

/** The text classifier of tfjs-examples' sentiment demo, smaller: Embedding → mean over tokens → Dense(1). */
export const TEXT_CLASSIFIER = { vocab: 1000, length: 100, embed: 32, batch: 32 };

/**
 * One trainOnBatch step of that classifier (binary cross-entropy, Adam). Its embedding gradient is an
 * UnsortedSegmentSum of batch × length rows into vocab rows.
 */
export function textClassifierStep(tf, tfl, { vocab, length, embed, batch } = TEXT_CLASSIFIER) {
  const model = tfl.sequential({
    layers: [
      tfl.layers.embedding({
        inputDim: vocab,
        outputDim: embed,
        inputLength: length,
        embeddingsInitializer: tfl.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: 5 }),
      }),
      tfl.layers.globalAveragePooling1d(),
      tfl.layers.dense({
        units: 1,
        activation: 'sigmoid',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 6 }),
      }),
    ],
  });
  const optimizer = tf.train.adam(0.01);
  model.compile({ optimizer, loss: 'binaryCrossentropy' });
  const x = tf.randomUniform([batch, length], 0, vocab, 'int32', 12);
  const y = tf.tidy(() => tf.round(tf.randomUniform([batch, 1], 0, 1, 'float32', 13)));
  return trainOnBatchStep(tf, model, optimizer, x, y);
}

/**
 * `ops` tiny ops in a chain (each adds [4] to the previous result, which it frees): what one op costs the
 * engine and the backend besides its arithmetic. `run` returns the last result's first element.
 */
export function dispatchChain(tf, ops = 10_000, op = (a, b) => tf.add(a, b)) {
  const step = tf.tensor1d([1e-4, 2e-4, 3e-4, 4e-4]);
  const start = tf.tensor1d([1, 2, 3, 4]);
  const run = () => {
    let value = start.clone();
    for (let i = 0; i < ops; i++) {
      const next = op(value, step);
      value.dispose();
      value = next;
    }
    return readBack(value);
  };
  return { run, dispose: () => tf.dispose([step, start]) };
}

/** One n×n·n×n product (B transposed when asked); `run` returns the sum of the result's first row. */
export function squareMatMul(tf, n, transposeB = false) {
  const a = tf.randomUniform([n, n], -1, 1, 'float32', 13);
  const b = tf.randomUniform([n, n], -1, 1, 'float32', 17);
  const firstRowSum = (values) => values.subarray(0, n).reduce((s, v) => s + v, 0);
  const run = () => readBack(tf.matMul(a, b, false, transposeB), firstRowSum);
  return { run, dispose: () => tf.dispose([a, b]) };
}

/** The LSTM text model of the contention suite: LSTM(128) over 20 steps of 128 features, batch 128. */
export const LSTM_SIZE = { features: 128, units: 128, steps: 20, batch: 128 };

/**
 * One tfjs-layers `trainOnBatch` step (Adam, categorical cross-entropy) of a next-token model: an LSTM of
 * `units` over `steps` one-hot-like inputs, then a softmax over `features` classes. `run` is asynchronous
 * (trainOnBatch is) and returns the loss.
 */
export function lstmStep(tf, tfl, size = LSTM_SIZE, adam = stockAdam(tf)) {
  const { features, units, steps, batch } = size;
  const model = tfl.sequential();
  model.add(
    tfl.layers.lstm({
      units,
      inputShape: [steps, features],
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 21 }),
      recurrentInitializer: tfl.initializers.glorotUniform({ seed: 22 }),
    }),
  );
  model.add(
    tfl.layers.dense({
      units: features,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 23 }),
    }),
  );
  const optimizer = adam(1e-3);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const oneHot = (shape, seed) =>
    tf.tidy(() =>
      tf.cast(
        tf.reshape(tf.oneHot(tf.randomUniform([shape.reduce((a, b) => a * b)], 0, features, 'int32', seed), features), [
          ...shape,
          features,
        ]),
        'float32',
      ),
    );
  const x = oneHot([batch, steps], 24);
  const y = oneHot([batch], 25);
  const run = async () => model.trainOnBatch(x, y);
  return {
    run,
    dispose: () => {
      model.dispose();
      optimizer.dispose();
      tf.dispose([x, y]);
    },
  };
}

/**
 * −ELBO of a batch for a VAE of the package with the noise given (ε of the batch's latent shape), for steps
 * that are compiled: the draw happens outside the step, and the step is z = mean + exp(½·logVar)·ε, the
 * decoder's log-likelihood and the KL term, as VAE.fit computes them (its fused kernels where registered).
 * `simd` is the package's module (its klStandardNormal).
 */
export function vaeNegElbo(tf, simd, vae, x, eps) {
  return tf.tidy(() => {
    const { mean, logVar } = vae.encode(x);
    const z =
      tf.getKernel('Reparameterize', tf.getBackend()) != null
        ? tf.engine().runKernel('Reparameterize', { mean, logVar, eps })
        : tf.add(mean, tf.mul(tf.exp(tf.mul(0.5, logVar)), eps));
    // logPxGivenZ is the model's own decoder likelihood (private in its TypeScript typings).
    return tf.neg(tf.mean(tf.sub(vae.logPxGivenZ(x, z), simd.klStandardNormal(mean, logVar))));
  });
}

/** tfjs-examples' jena-weather GRU: GRU(units) over [timesteps, features], a dense output, MAE, RMSProp. */
export function jenaGruModel(tfl, { timesteps = 240, features = 14, units = 32 } = {}) {
  const model = tfl.sequential();
  model.add(tfl.layers.gru({ units, inputShape: [timesteps, features] }));
  model.add(tfl.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'rmsprop', loss: 'meanAbsoluteError' });
  return model;
}

/** tfjs-examples' lstm-text-generation: LSTM(128) → LSTM(128) → softmax over the characters, RMSProp. */
export function lstmTextModel(tf, tfl, { sampleLen = 60, charSetSize = 64, units = [128, 128] } = {}) {
  const model = tfl.sequential();
  units.forEach((u, i) =>
    model.add(
      tfl.layers.lstm({
        units: u,
        returnSequences: i < units.length - 1,
        ...(i === 0 ? { inputShape: [sampleLen, charSetSize] } : {}),
      }),
    ),
  );
  model.add(tfl.layers.dense({ units: charSetSize, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.rmsprop(0.01), loss: 'categoricalCrossentropy' });
  return model;
}
