// A variational autoencoder (Kingma & Welling): Gaussian encoder q(z|x) = N(mean, exp(logVar)), standard
// normal prior, and a decoder p(x|z) that is either Bernoulli on logits (binary pixels) or Gaussian with a
// per-pixel, per-sample log-variance (real-valued pixels). Trained by maximising the ELBO
//   ELBO(x) = E_q[log p(x|z)] − KL(q(z|x) ‖ p(z)),
// with the reparameterization z = mean + exp(½ logVar)·ε, all terms computed in log space.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { mulberry32 } from '../data/random.js';
import { bernoulliLogLikelihood, gaussianLogLikelihood, klStandardNormal } from '../ops/index.js';
import { reparameterizeWithNoise } from '../ops/reparameterize.js';
import { adam } from '../optimizers/adam.js';
import { loadNetworks, type ModelStore, saveNetworks } from './artifacts.js';
import { minimizing, trainInMinibatches } from './minibatch_training.js';
import { ModelStep } from './model_step.js';
import { type Activation, denseLayers, disposeNetworks, network, run, trainableVariables, widths } from './networks.js';

export type DecoderKind = 'gaussian' | 'bernoulli';

export interface VAEConfig {
  inputDim: number;
  hiddenUnits?: number[];
  latentDim?: number;
  decoder: DecoderKind;
  activation?: Activation;
  seed?: number;
  /**
   * Compile the training step and the scoring passes (see README, "Compiled steps"): on 'simd' they replay
   * without tfjs's per-op JavaScript, with the same results bit for bit. false runs them eagerly.
   */
  compile?: boolean;
}

export interface VAEFitOptions {
  epochs: number;
  batchSize?: number;
  learningRate?: number;
  validationData?: tf.Tensor2D;
  /** Called after each epoch with the mean ELBO (nats per sample) of that epoch. */
  onEpochEnd?: (epoch: number, logs: { elbo: number; valElbo?: number }) => void | Promise<void>;
  /** Called after each step with the batch's mean ELBO. */
  onBatchEnd?: (step: number, logs: { elbo: number }) => void | Promise<void>;
}

/**
 * The VAE's two networks, standard tf.LayersModels of Dense layers. The encoder maps x [n, inputDim] to
 * [mean, logVar] side by side ([n, 2·latentDim]); the decoder maps z [n, latentDim] to the Bernoulli logits
 * [n, inputDim] or, for 'gaussian', to [mean, logVar] side by side ([n, 2·inputDim]).
 */
export type VAENetworks = {
  encoder: tfl.LayersModel;
  decoder: tfl.LayersModel;
};

export interface VAEHistory {
  elbo: number[];
  valElbo: number[];
}

/** The smallest decoder variance, e^-12 ≈ 6e-6: below the dequantization noise, it only stops collapse. */
const DECODER_VARIANCE_FLOOR = Math.exp(-12);

/** Rows evaluated at once when scoring a data set, to bound the memory of one forward pass. */
const EVAL_BATCH = 500;

export class VAE {
  readonly config: Required<VAEConfig>;
  private readonly encoder: tfl.LayersModel;
  private readonly decoder: tfl.LayersModel;
  private step = 0;
  /** The passes scoring repeats, compiled when config.compile is on. */
  private readonly encodeStep: ModelStep<[tf.Tensor2D], { mean: tf.Tensor2D; logVar: tf.Tensor2D }>;
  private readonly decodeStep: ModelStep<[tf.Tensor2D], tf.Tensor2D>;
  private readonly elboStep: ModelStep<[tf.Tensor2D, tf.Tensor2D], tf.Tensor1D>;
  private readonly importanceStep: ModelStep<[tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D], tf.Tensor1D>;

  /** A new VAE, or one around trained `networks` of matching sizes (as VAE.load gives them). */
  constructor(config: VAEConfig, networks?: VAENetworks) {
    this.config = {
      hiddenUnits: [500],
      latentDim: 20,
      activation: 'relu',
      seed: 0,
      compile: true,
      ...config,
    };
    const { inputDim, hiddenUnits, latentDim, decoder, activation, seed } = this.config;
    if (!Number.isInteger(inputDim) || inputDim <= 0)
      throw new Error(`VAE: inputDim must be a positive integer, got ${inputDim}`);
    if (!Number.isInteger(latentDim) || latentDim <= 0)
      throw new Error(`VAE: latentDim must be a positive integer, got ${latentDim}`);
    if (decoder !== 'gaussian' && decoder !== 'bernoulli')
      throw new Error(`VAE: decoder must be 'gaussian' or 'bernoulli', got '${decoder}'`);
    const decoderOut = decoder === 'gaussian' ? 2 * inputDim : inputDim;
    if (networks) {
      const expected = { encoder: [inputDim, 2 * latentDim], decoder: [latentDim, decoderOut] };
      for (const name of ['encoder', 'decoder'] as const) {
        const actual = widths(networks[name]);
        if (!tf.util.arraysEqual(actual, expected[name])) {
          throw new Error(
            `VAE: the ${name} maps ${actual[0]} to ${actual[1]} columns, the config needs ${expected[name][0]} to ${expected[name][1]}`,
          );
        }
      }
    }
    this.encoder =
      networks?.encoder ??
      network(
        'encoder',
        [inputDim],
        denseLayers([inputDim, ...hiddenUnits, 2 * latentDim], activation, seed * 1000 + 1),
      );
    this.decoder =
      networks?.decoder ??
      network(
        'decoder',
        [latentDim],
        denseLayers([latentDim, ...[...hiddenUnits].reverse(), decoderOut], activation, seed * 1000 + 501),
      );
    const compiling = this.config.compile;
    this.encodeStep = new ModelStep((x) => this.encodeEagerly(x), compiling);
    this.decodeStep = new ModelStep((z) => this.decodeEagerly(z), compiling);
    this.elboStep = new ModelStep((x, eps) => this.elboWithNoise(x, eps), compiling);
    this.importanceStep = new ModelStep(
      (x, mean, logVar, eps) => this.logImportanceWeight(x, mean, logVar, eps),
      compiling,
    );
  }

  get variables(): tf.Variable[] {
    return trainableVariables(this.encoder, this.decoder);
  }

  /** The encoder and decoder as tf.LayersModels (see VAENetworks). */
  get networks(): VAENetworks {
    return { encoder: this.encoder, decoder: this.decoder };
  }

  /** q(z|x): the mean and log-variance of the approximate posterior. */
  encode(x: tf.Tensor2D): { mean: tf.Tensor2D; logVar: tf.Tensor2D } {
    this.checkInput('encode', x);
    return this.encodeStep.run(x);
  }

  private encodeEagerly(x: tf.Tensor2D): { mean: tf.Tensor2D; logVar: tf.Tensor2D } {
    return tf.tidy(() => {
      const out = run<tf.Tensor2D>(this.encoder, x);
      const [mean, logVar] = tf.split(out, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      return { mean, logVar };
    });
  }

  /** The decoder's mean for latent codes z: pixel probabilities (Bernoulli) or pixel means (Gaussian). */
  decode(z: tf.Tensor2D): tf.Tensor2D {
    return this.decodeStep.run(z);
  }

  private decodeEagerly(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const params = this.decoderParams(z);
      return this.config.decoder === 'bernoulli' ? tf.sigmoid(params.logits!) : params.mean!;
    });
  }

  /** The decoder's mean at the posterior mean of each input. */
  reconstruct(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.decode(this.encode(x).mean));
  }

  /** n draws of the decoder's mean at z ~ N(0, I). */
  sample(n: number, seed = this.config.seed + 7): tf.Tensor2D {
    return tf.tidy(() => this.decode(tf.randomNormal([n, this.config.latentDim], 0, 1, 'float32', seed)));
  }

  /** The ELBO of each row of x in nats, with one posterior sample. */
  elbo(x: tf.Tensor2D, seed = this.config.seed + 11): tf.Tensor1D {
    this.checkInput('elbo', x);
    return this.inBatches(x, (batch, offset) => this.elboStep.run(batch, this.noise(batch.shape[0], seed + offset)));
  }

  /**
   * The importance-weighted estimate of log p(x) (the IWAE bound) with K posterior samples:
   *   log p(x) ≥ log (1/K) Σ_k p(x|z_k) p(z_k) / q(z_k|x),   z_k ~ q(z|x).
   * K = 1 is the ELBO; the bound tightens as K grows.
   */
  logLikelihood(
    x: tf.Tensor2D,
    { samples = 100, seed = this.config.seed + 13 }: { samples?: number; seed?: number } = {},
  ): tf.Tensor1D {
    this.checkInput('logLikelihood', x);
    if (!Number.isInteger(samples) || samples < 1)
      throw new Error(`VAE.logLikelihood: samples must be an integer >= 1, got ${samples}`);
    return this.inBatches(
      x,
      (batch, offset) => {
        const { mean, logVar } = this.encode(batch);
        const logWeights: tf.Tensor1D[] = [];
        for (let k = 0; k < samples; k++) {
          logWeights.push(
            tf.tidy(() =>
              this.importanceStep.run(batch, mean, logVar, this.noise(batch.shape[0], seed + offset * samples + k)),
            ),
          );
        }
        const stacked = tf.stack(logWeights, 1);
        return tf.sub(tf.logSumExp(stacked, 1), Math.log(samples)) as tf.Tensor1D;
      },
      Math.max(1, Math.floor(EVAL_BATCH / Math.max(1, Math.ceil(samples / 10)))),
    );
  }

  /** Maximises the ELBO with Adam; returns the mean ELBO per epoch (train and, if given, validation). */
  async fit(x: tf.Tensor2D, options: VAEFitOptions): Promise<VAEHistory> {
    this.checkInput('fit', x);
    const { epochs, batchSize = 100, learningRate = 1e-3, validationData, onEpochEnd, onBatchEnd } = options;
    if (!Number.isInteger(epochs) || epochs < 0)
      throw new Error(`VAE.fit: epochs must be a non-negative integer, got ${epochs}`);
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new Error(`VAE.fit: batchSize must be a positive integer, got ${batchSize}`);
    const optimizer = adam(learningRate);
    const history: VAEHistory = { elbo: [], valElbo: [] };
    try {
      await trainInMinibatches([x], {
        epochs,
        batchSize,
        random: mulberry32(this.config.seed + 17),
        compile: this.config.compile,
        noise: (rows) => this.noise(rows, this.config.seed * 1_000_003 + this.step++),
        step: minimizing(
          optimizer,
          this.variables,
          ([batch], eps) => tf.neg(tf.mean(this.elboWithNoise(batch as tf.Tensor2D, eps as tf.Tensor2D))) as tf.Scalar,
        ),
        onBatchEnd: (loss) => onBatchEnd?.(this.step, { elbo: -loss }),
        onEpochEnd: async (epoch, meanLoss) => {
          history.elbo.push(-meanLoss);
          const valElbo = validationData ? await meanOf(this.elbo(validationData)) : undefined;
          if (valElbo !== undefined) history.valElbo.push(valElbo);
          await onEpochEnd?.(epoch, { elbo: -meanLoss, valElbo });
        },
      });
    } finally {
      optimizer.dispose();
    }
    return history;
  }

  /**
   * Saves the encoder and decoder as tfjs LayersModel artifacts (`${store}/encoder`, `${store}/decoder`),
   * the VAE's config in their metadata. See ModelStore for the destinations.
   */
  async save(store: ModelStore): Promise<void> {
    await saveNetworks(store, { kind: 'VAE', config: this.config }, this.networks);
  }

  /** The VAE saved by `save` at `store`. */
  static async load(store: ModelStore): Promise<VAE> {
    const { settings, networks } = await loadNetworks(store, 'VAE', ['encoder', 'decoder'] as const, 'VAE.load');
    try {
      return new VAE(settings.config as VAEConfig, networks);
    } catch (e) {
      disposeNetworks(networks.encoder, networks.decoder);
      throw new Error(`VAE.load: ${(e as Error).message}`);
    }
  }

  dispose(): void {
    for (const step of [this.encodeStep, this.decodeStep, this.elboStep, this.importanceStep]) step.dispose();
    disposeNetworks(this.encoder, this.decoder);
  }

  /** The ε ~ N(0, I) of one posterior sample per row, drawn from `seed`: [rows, latentDim]. */
  private noise(rows: number, seed: number): tf.Tensor2D {
    return tf.randomNormal([rows, this.config.latentDim], 0, 1, 'float32', seed);
  }

  /** The ELBO of each row of x with the posterior sample z = mean + exp(½ logVar)·eps. */
  private elboWithNoise(x: tf.Tensor2D, eps: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      // Not this.encode: a pass inside this one needs no compiled function of its own.
      const { mean, logVar } = this.encodeEagerly(x);
      const z = reparameterizeWithNoise(mean, logVar, eps) as tf.Tensor2D;
      return tf.sub(this.logPxGivenZ(x, z), klStandardNormal(mean, logVar)) as tf.Tensor1D;
    });
  }

  /** log p(x|z) p(z) / q(z|x) for the posterior sample z = mean + exp(½ logVar)·eps. */
  private logImportanceWeight(x: tf.Tensor2D, mean: tf.Tensor2D, logVar: tf.Tensor2D, eps: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const z = reparameterizeWithNoise(mean, logVar, eps) as tf.Tensor2D;
      const logPrior = gaussianLogLikelihood(z, 0, 0);
      const logPosterior = gaussianLogLikelihood(z, mean, logVar);
      return tf.add(this.logPxGivenZ(x, z), tf.sub(logPrior, logPosterior)) as tf.Tensor1D;
    });
  }

  /** log p(x|z), summed over pixels. */
  private logPxGivenZ(x: tf.Tensor2D, z: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const params = this.decoderParams(z);
      if (this.config.decoder === 'bernoulli') {
        return bernoulliLogLikelihood(x, params.logits!) as tf.Tensor1D;
      }
      return gaussianLogLikelihood(x, params.mean!, params.logVar!, {
        varianceFloor: DECODER_VARIANCE_FLOOR,
      }) as tf.Tensor1D;
    });
  }

  private decoderParams(z: tf.Tensor2D): { logits?: tf.Tensor2D; mean?: tf.Tensor2D; logVar?: tf.Tensor2D } {
    const out = run<tf.Tensor2D>(this.decoder, z);
    if (this.config.decoder === 'bernoulli') return { logits: out };
    const [mean, logVar] = tf.split(out, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    return { mean, logVar };
  }

  /** Applies `f` to slices of at most `batch` rows and concatenates the per-row results. */
  private inBatches(
    x: tf.Tensor2D,
    f: (batch: tf.Tensor2D, offset: number) => tf.Tensor1D,
    batch = EVAL_BATCH,
  ): tf.Tensor1D {
    const n = x.shape[0];
    const parts: tf.Tensor1D[] = [];
    for (let start = 0; start < n || (n === 0 && start === 0); start += batch) {
      const size = Math.min(batch, n - start);
      parts.push(tf.tidy(() => f(tf.slice(x, [start, 0], [size, -1]) as tf.Tensor2D, start)));
      if (n === 0) break;
    }
    const out = parts.length === 1 ? parts[0] : tf.concat(parts);
    if (parts.length > 1) tf.dispose(parts);
    return out;
  }

  private checkInput(method: string, x: tf.Tensor): void {
    if (x.rank !== 2 || x.shape[1] !== this.config.inputDim) {
      throw new Error(`VAE.${method}: x must have shape [n, ${this.config.inputDim}], got [${x.shape}]`);
    }
  }
}

/** The mean of a tensor's values; frees the tensor. */
async function meanOf(t: tf.Tensor): Promise<number> {
  const mean = tf.mean(t);
  const value = (await mean.data())[0];
  tf.dispose([t, mean]);
  return value;
}
