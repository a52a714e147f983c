// `fit-sin`: the classic question — fit y = sin x on [0, 10π] with a shallow-wide and a deep-narrow MLP.
import * as tf from '@tensorflow/tfjs-core';
import { MLPRegressor } from 'tfjs-backend-simd/models';
import { checkOutputDirectory } from './checks.js';
import { sinData } from './data/sin.js';
import { type BackendName, backendDescription, useBackend } from './options.js';
import { OutputDirectory } from './output.js';
import { lineChart } from './plot/charts.js';

export interface FitSinOptions {
  epochs: number;
  learningRate: number;
  backend: BackendName;
  out: string;
  seed: number;
}

const NETS = [
  { name: 'wide: Dense(500, relu) - Dense(1)', hiddenUnits: [500] },
  { name: 'deep: Dense(20, relu) - Dense(20, relu) - Dense(1)', hiddenUnits: [20, 20] },
];

export async function fitSin(options: FitSinOptions): Promise<void> {
  checkOutputDirectory(options.out, [{ name: 'sin-fit.svg' }, { name: 'sin-fit.png' }, { name: 'report.json' }]);
  await useBackend(options.backend);
  const { x, y } = sinData(1000);
  const xs = tf.tensor2d(x, [x.length, 1]);
  const ys = tf.tensor1d(y);
  console.log(
    `fit-sin on ${backendDescription()}: ${x.length} points, Adam(${options.learningRate}), MSE, ${options.epochs} epochs, batch 32`,
  );
  const results: Array<{ net: string; hiddenUnits: number[]; finalLoss: number; losses: number[]; seconds: number }> =
    [];
  const fits: Float32Array[] = [];
  for (const net of NETS) {
    const model = new MLPRegressor({ hiddenUnits: net.hiddenUnits, activation: 'relu', seed: options.seed });
    const started = Date.now();
    const losses = await model.fit(xs, ys, { epochs: options.epochs, learningRate: options.learningRate });
    const prediction = model.predict(xs);
    fits.push((await prediction.data()) as Float32Array);
    prediction.dispose();
    model.dispose();
    const seconds = (Date.now() - started) / 1000;
    console.log(`${net.name}: final MSE ${losses[losses.length - 1].toFixed(5)} (${seconds.toFixed(1)} s)`);
    results.push({
      net: net.name,
      hiddenUnits: net.hiddenUnits,
      finalLoss: losses[losses.length - 1],
      losses,
      seconds,
    });
  }
  tf.dispose([xs, ys]);
  const out = new OutputDirectory(options.out);
  await out.writeChart(
    'sin-fit',
    lineChart({ title: `Fitting y = sin x: two MLPs after ${options.epochs} epochs`, x: 'x (radians)', y: 'y' }, [
      { name: 'sin x', x, y },
      ...fits.map((f, i) => ({ name: `${NETS[i].name} (MSE ${results[i].finalLoss.toFixed(4)})`, x, y: f })),
    ]),
  );
  await out.writeJson('report.json', { command: 'fit-sin', backend: backendDescription(), options, results });
  console.log(`wrote ${out.written.join(', ')}`);
}
