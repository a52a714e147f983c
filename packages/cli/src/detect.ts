// `detect`: one-class anomaly detection on MNIST — train on one digit as "normal", score the test set,
// and compare the ROC AUC with the trivial baseline "squared distance to the mean normal image".
import * as tf from '@tensorflow/tfjs-core';
import { AnomalyDetector, type DecoderKind, type DetectorModel, rocAuc } from 'tfjs-backend-simd/models';
import { checkOutputDirectory } from './checks.js';
import { IMAGE_SIZE, loadMnist, PIXELS, selectDigits } from './data/mnist.js';
import { type BackendName, backendDescription, useBackend } from './options.js';
import { OutputDirectory } from './output.js';
import { histogramChart } from './plot/charts.js';

export interface DetectOptions {
  normal: number[];
  model: DetectorModel;
  vaeDecoder: DecoderKind;
  epochs: number;
  contamination: number;
  backend: BackendName;
  out: string;
  seed: number;
}

async function detectDigit(normal: number, options: DetectOptions, out: OutputDirectory) {
  const { train, test } = loadMnist();
  const normalTrain = selectDigits(train, (d) => d === normal);
  const x = tf.tensor2d(normalTrain.images, [normalTrain.count, PIXELS]);
  const xTest = tf.tensor2d(test.images, [test.count, PIXELS]);
  // The convolutional detector sees the rows as 28×28 images of one channel.
  const asInput = (rows: tf.Tensor2D) =>
    options.model === 'conv-autoencoder'
      ? (tf.reshape(rows, [rows.shape[0], IMAGE_SIZE, IMAGE_SIZE, 1]) as tf.Tensor4D)
      : rows;
  const [xFit, xScore] = [asInput(x), asInput(xTest)];
  const isAnomaly: number[] = Array.from(test.labels, (d) => (d === normal ? 0 : 1));

  const baselineScores = tf.tidy(() => tf.sum(tf.squaredDifference(xTest, tf.mean(x, 0)), 1));
  const baseline = await baselineScores.data();
  baselineScores.dispose();

  const detector = new AnomalyDetector({
    model: options.model,
    vaeDecoder: options.vaeDecoder,
    contamination: options.contamination,
    seed: options.seed,
  });
  const started = Date.now();
  await detector.fit(xFit, { epochs: options.epochs });
  const scoresTensor = detector.decisionFunction(xScore);
  const scores = await scoresTensor.data();
  const predicted = detector.predict(xScore);
  const flagged = await predicted.data();
  tf.dispose([scoresTensor, predicted, x, xTest, xFit, xScore]);
  detector.dispose();

  const perDigit: Record<string, number> = {};
  for (let digit = 0; digit < 10; digit++) {
    if (digit === normal) continue;
    const rows = Array.from(test.labels.keys()).filter((i) => test.labels[i] === normal || test.labels[i] === digit);
    perDigit[digit] = rocAuc(
      rows.map((i) => scores[i]),
      rows.map((i) => isAnomaly[i]),
    );
  }
  const auc = rocAuc(scores, isAnomaly);
  const baselineAuc = rocAuc(baseline, isAnomaly);
  const detectedRate =
    isAnomaly.reduce((sum, a, i) => sum + (a === 1 && flagged[i] === 1 ? 1 : 0), 0) /
    isAnomaly.reduce((sum, a) => sum + a, 0);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `normal digit ${normal}: ROC AUC ${auc.toFixed(4)} (baseline ${baselineAuc.toFixed(4)}); ` +
      `per other digit ${Object.entries(perDigit)
        .map(([d, a]) => `${d}: ${a.toFixed(3)}`)
        .join(', ')}; ` +
      `${(100 * detectedRate).toFixed(1)}% of anomalies above the threshold ${detector.threshold.toFixed(3)} (${seconds.toFixed(1)} s)`,
  );
  const normalScores = scores.filter((_, i) => isAnomaly[i] === 0);
  const anomalyScores = scores.filter((_, i) => isAnomaly[i] === 1);
  const modelName = {
    autoencoder: 'dense autoencoder',
    vae: `VAE (${options.vaeDecoder} decoder)`,
    'conv-autoencoder': 'convolutional autoencoder',
  }[options.model];
  await out.writeChart(
    `scores-normal-${normal}`,
    histogramChart(
      {
        title: `${modelName}, normal digit ${normal}: test scores (ROC AUC ${auc.toFixed(3)})`,
        x: options.model === 'vae' ? 'anomaly score (−ELBO, nats)' : 'anomaly score (squared reconstruction error)',
        y: 'test digits',
      },
      [
        { name: `digit ${normal} (normal)`, values: normalScores },
        { name: 'other digits (anomalies)', values: anomalyScores },
      ],
      detector.threshold,
    ),
  );
  return { normal, auc, baselineAuc, perDigit, threshold: detector.threshold, detectedRate, seconds };
}

export async function detect(options: DetectOptions): Promise<void> {
  checkOutputDirectory(options.out, [
    { name: 'report.json' },
    ...options.normal.flatMap((d) => [{ name: `scores-normal-${d}.svg` }, { name: `scores-normal-${d}.png` }]),
  ]);
  await useBackend(options.backend);
  console.log(
    `detect on ${backendDescription()}: ${options.model}, ${options.epochs} epochs, normal digit(s) ${options.normal.join(', ')}`,
  );
  const out = new OutputDirectory(options.out);
  const results: Array<Awaited<ReturnType<typeof detectDigit>>> = [];
  for (const normal of options.normal) results.push(await detectDigit(normal, options, out));
  if (results.length > 1) {
    const mean = (f: (r: (typeof results)[number]) => number) => results.reduce((s, r) => s + f(r), 0) / results.length;
    console.log(
      `mean over normal digits: ROC AUC ${mean((r) => r.auc).toFixed(4)} (baseline ${mean((r) => r.baselineAuc).toFixed(4)})`,
    );
  }
  await out.writeJson('report.json', { command: 'detect', backend: backendDescription(), options, results });
  console.log(`wrote ${out.written.join(', ')}`);
}
