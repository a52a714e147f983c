// One-class anomaly detection in the PyOD style: fit on normal data only, score new data (higher = more
// anomalous), flag the scores above the (1 − contamination) quantile of the training scores.
//   'autoencoder': score = squared reconstruction error of a dense autoencoder;
//   'vae':         score = −ELBO of a VAE, Gaussian or Bernoulli decoder (low evidence = unlike the training data);
//   'conv-autoencoder': images [n, h, w, c]; score = squared reconstruction error of a convolutional autoencoder.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { mulberry32 } from '../data/random.js';
import { adam } from '../optimizers/adam.js';
import { loadNetworks, type ModelStore, saveNetworks } from './artifacts.js';
import { CONV_AUTOENCODER_LEARNING_RATE, ConvAutoencoder } from './conv_autoencoder.js';
import { quantile } from './metrics.js';
import { minimizing, trainInMinibatches } from './minibatch_training.js';
import { ModelStep } from './model_step.js';
import { type Activation, denseLayers, disposeNetworks, network, run, trainableVariables } from './networks.js';
import { type DecoderKind, VAE, type VAEConfig } from './vae.js';

export type DetectorModel = 'autoencoder' | 'vae' | 'conv-autoencoder';

/** Rows of features [n, features], or images [n, h, w, c] for 'conv-autoencoder'. */
export type DetectorInput = tf.Tensor2D | tf.Tensor4D;

export interface AnomalyDetectorConfig {
  model?: DetectorModel;
  hiddenUnits?: number[];
  latentDim?: number;
  contamination?: number;
  activation?: Activation;
  /**
   * The 'vae' model's decoder likelihood: 'gaussian' for real-valued features, 'bernoulli' for values in
   * [0, 1] such as grey levels (a Gaussian's variance collapses on a constant background, which then
   * dominates the score).
   */
  vaeDecoder?: DecoderKind;
  seed?: number;
  /**
   * Compile the training steps and the scoring passes (see README, "Compiled steps"): on 'simd' they replay
   * without tfjs's per-op JavaScript, with the same results bit for bit. false runs them eagerly.
   */
  compile?: boolean;
}

export interface DetectorFitOptions {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  onEpochEnd?: (epoch: number, loss: number) => void | Promise<void>;
}

/** Posterior samples averaged in the VAE's score, to keep the −ELBO's sampling noise small. */
const VAE_SCORE_SAMPLES = 8;

export class AnomalyDetector {
  readonly config: Required<AnomalyDetectorConfig>;
  /** Scores above this are anomalies: the (1 − contamination) quantile of the training scores. */
  threshold = NaN;
  /** The dense autoencoder: rows → sigmoid reconstruction. */
  private autoencoder?: tfl.LayersModel;
  private vae?: VAE;
  private convAutoencoder?: ConvAutoencoder;
  /** The dense autoencoder's scoring pass, compiled when config.compile is on. */
  private autoencoderScore?: ModelStep<[tf.Tensor2D], tf.Tensor1D>;

  constructor(config: AnomalyDetectorConfig = {}) {
    this.config = {
      model: 'autoencoder',
      hiddenUnits: [256],
      latentDim: 32,
      contamination: 0.1,
      activation: 'relu',
      vaeDecoder: 'gaussian',
      seed: 0,
      compile: true,
      ...config,
    };
    const { model, contamination } = this.config;
    if (model !== 'autoencoder' && model !== 'vae' && model !== 'conv-autoencoder') {
      throw new Error(
        `AnomalyDetector: model must be 'autoencoder' or 'vae' (rows), or 'conv-autoencoder' (images), got '${model}'`,
      );
    }
    if (this.config.vaeDecoder !== 'gaussian' && this.config.vaeDecoder !== 'bernoulli') {
      throw new Error(`AnomalyDetector: vaeDecoder must be 'gaussian' or 'bernoulli', got '${this.config.vaeDecoder}'`);
    }
    if (!(contamination > 0 && contamination < 0.5)) {
      throw new Error(`AnomalyDetector: contamination must be in (0, 0.5), got ${contamination}`);
    }
  }

  async fit(x: DetectorInput, options: DetectorFitOptions = {}): Promise<this> {
    const images = this.config.model === 'conv-autoencoder';
    const {
      epochs = 30,
      batchSize = 100,
      learningRate = images ? CONV_AUTOENCODER_LEARNING_RATE : 1e-3,
      onEpochEnd,
    } = options;
    if (x.rank !== (images ? 4 : 2) || x.shape[0] === 0) {
      const expected = images ? '[n > 0, height, width, channels]' : '[n > 0, features]';
      throw new Error(`AnomalyDetector.fit: x must have shape ${expected}, got [${x.shape}]`);
    }
    this.dispose();
    const { hiddenUnits, latentDim, activation, vaeDecoder, seed, compile } = this.config;
    const inputDim = x.shape[1];
    if (images) {
      const [, h, w, c] = x.shape as [number, number, number, number];
      this.convAutoencoder = new ConvAutoencoder({ imageShape: [h, w, c], latentDim, seed, compile });
      await this.convAutoencoder.fit(x as tf.Tensor4D, { epochs, batchSize, learningRate, onEpochEnd }, seed);
    } else if (this.config.model === 'vae') {
      this.vae = new VAE({ inputDim, hiddenUnits, latentDim, decoder: vaeDecoder, activation, seed, compile });
      await this.vae.fit(x as tf.Tensor2D, {
        epochs,
        batchSize,
        learningRate,
        onEpochEnd: (epoch, logs) => onEpochEnd?.(epoch, -logs.elbo),
      });
    } else {
      this.autoencoder = network(
        'autoencoder',
        [inputDim],
        [
          ...denseLayers([inputDim, ...hiddenUnits, latentDim], activation, seed * 1000 + 1),
          ...denseLayers(
            [latentDim, ...[...hiddenUnits].reverse(), inputDim],
            activation,
            seed * 1000 + 501,
            'sigmoid',
          ),
        ],
      );
      this.autoencoderScore = this.scoreStep();
      await this.fitAutoencoder(x as tf.Tensor2D, epochs, batchSize, learningRate, onEpochEnd);
    }
    const trainScores = this.decisionFunction(x);
    this.threshold = quantile(await trainScores.data(), 1 - this.config.contamination);
    trainScores.dispose();
    return this;
  }

  /** Anomaly scores of the rows (or images) of x: higher is more anomalous. */
  decisionFunction(x: DetectorInput): tf.Tensor1D {
    if (this.convAutoencoder) return this.convAutoencoder.reconstructionError(x as tf.Tensor4D);
    if (this.vae) {
      const vae = this.vae;
      return tf.tidy(() => {
        const elbos = Array.from({ length: VAE_SCORE_SAMPLES }, (_, k) =>
          vae.elbo(x as tf.Tensor2D, this.config.seed + 101 + k),
        );
        return tf.neg(tf.mean(tf.stack(elbos), 0)) as tf.Tensor1D;
      });
    }
    if (!this.autoencoder) throw new Error('AnomalyDetector.decisionFunction: call fit first');
    return this.autoencoderScore!.run(x as tf.Tensor2D);
  }

  /** 1 where the score exceeds the threshold (anomaly), 0 elsewhere. */
  predict(x: DetectorInput): tf.Tensor1D {
    if (Number.isNaN(this.threshold)) throw new Error('AnomalyDetector.predict: call fit first');
    return tf.tidy(() => tf.cast(tf.greater(this.decisionFunction(x), this.threshold), 'int32') as tf.Tensor1D);
  }

  /**
   * Saves the trained networks as tfjs LayersModel artifacts (`${store}/autoencoder`, or `${store}/encoder` and
   * `${store}/decoder` for 'vae'), with the config and threshold in their metadata. See ModelStore.
   */
  async save(store: ModelStore): Promise<void> {
    const settings = { kind: 'AnomalyDetector', config: this.config, threshold: this.threshold };
    if (this.vae) await saveNetworks(store, { ...settings, vaeConfig: this.vae.config }, this.vae.networks);
    else if (this.autoencoder ?? this.convAutoencoder) {
      const autoencoder = (this.autoencoder ?? this.convAutoencoder!.network)!;
      await saveNetworks(store, { ...settings, imageShape: this.convAutoencoder?.imageShape }, { autoencoder });
    } else throw new Error('AnomalyDetector.save: call fit first');
  }

  /** The detector saved by `save` at `store`, ready to score. */
  static async load(store: ModelStore): Promise<AnomalyDetector> {
    // A 'vae' detector saved an encoder and a decoder, the others one autoencoder: handlers tell by their
    // names; at a URL, the autoencoder is looked for first.
    const load = (names: readonly string[]) => loadNetworks(store, 'AnomalyDetector', names, 'AnomalyDetector.load');
    const vaeFirst = typeof store !== 'string' && 'encoder' in store;
    const { settings, networks } = await load(vaeFirst ? ['encoder', 'decoder'] : ['autoencoder']).catch((error) => {
      if (vaeFirst) throw error;
      return load(['encoder', 'decoder']).catch(() => {
        throw error;
      });
    });
    const detector = new AnomalyDetector(settings.config as AnomalyDetectorConfig);
    try {
      detector.threshold = settings.threshold as number;
      const nets = networks as Partial<Record<'autoencoder' | 'encoder' | 'decoder', tfl.LayersModel>>;
      if (detector.config.model === 'vae') {
        const vaeConfig = { ...(settings.vaeConfig as VAEConfig), compile: detector.config.compile };
        detector.vae = new VAE(vaeConfig, { encoder: nets.encoder!, decoder: nets.decoder! });
      } else if (detector.config.model === 'conv-autoencoder') {
        const imageShape = settings.imageShape as [number, number, number];
        detector.convAutoencoder = new ConvAutoencoder(
          { imageShape, seed: detector.config.seed, compile: detector.config.compile },
          nets.autoencoder!,
        );
      } else {
        detector.autoencoder = nets.autoencoder!;
        detector.autoencoderScore = detector.scoreStep();
      }
      if (!(detector.vae ?? detector.convAutoencoder ?? detector.autoencoder))
        throw new Error(`no networks for model '${detector.config.model}'`);
    } catch (e) {
      disposeNetworks(...Object.values<tfl.LayersModel>(networks));
      throw new Error(`AnomalyDetector.load: ${(e as Error).message}`);
    }
    return detector;
  }

  dispose(): void {
    this.autoencoderScore?.dispose();
    this.autoencoderScore = undefined;
    disposeNetworks(this.autoencoder);
    this.vae?.dispose();
    this.convAutoencoder?.dispose();
    this.convAutoencoder = undefined;
    this.autoencoder = undefined;
    this.vae = undefined;
  }

  /** The dense autoencoder's squared reconstruction error per row. */
  private scoreStep(): ModelStep<[tf.Tensor2D], tf.Tensor1D> {
    return new ModelStep(
      (x) => tf.tidy(() => tf.sum(tf.squaredDifference(this.reconstruct(x), x), 1) as tf.Tensor1D),
      this.config.compile,
    );
  }

  private reconstruct(x: tf.Tensor2D): tf.Tensor2D {
    return run<tf.Tensor2D>(this.autoencoder!, x);
  }

  private async fitAutoencoder(
    x: tf.Tensor2D,
    epochs: number,
    batchSize: number,
    learningRate: number,
    onEpochEnd?: (epoch: number, loss: number) => void | Promise<void>,
  ): Promise<void> {
    const variables = trainableVariables(this.autoencoder!);
    const optimizer = adam(learningRate);
    try {
      await trainInMinibatches([x], {
        epochs,
        batchSize,
        random: mulberry32(this.config.seed + 3),
        onEpochEnd,
        compile: this.config.compile,
        step: minimizing(
          optimizer,
          variables,
          ([batch]) =>
            tf.mean(tf.sum(tf.squaredDifference(this.reconstruct(batch as tf.Tensor2D), batch), 1)) as tf.Scalar,
        ),
      });
    } finally {
      optimizer.dispose();
    }
  }
}
