#!/usr/bin/env node
// The command line: `tfjs-backend-simd <command> [options]`; `--help` on any command lists its options.
import { Command, Option } from 'commander';
import { bench } from './bench.js';
import { detect } from './detect.js';
import { fitSin } from './fit_sin.js';
import { BACKENDS, integer, integerList, number } from './options.js';
import { trainVae } from './train_vae.js';

const program = new Command('tfjs-backend-simd')
  .description('Models on the WebAssembly SIMD backend for TensorFlow.js')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

const backendOption = () => new Option('--backend <name>', 'tfjs backend to run on').choices(BACKENDS).default('simd');
const seedOption = () => new Option('--seed <n>', 'seed of every random draw').argParser(integer(0, 2 ** 31 - 1)).default(1);

program.command('train-vae')
  .description('train a VAE on the shipped MNIST digits; write the model, PNG figures and report.json')
  .addOption(new Option('--decoder <kind>', 'decoder likelihood').choices(['gaussian', 'bernoulli', 'both']).default('bernoulli'))
  .option('--epochs <n>', 'training epochs', integer(0, 10_000), 10)
  .option('--latent <n>', 'latent dimensions', integer(1, 1024), 20)
  .option('--hidden <list>', 'hidden layer sizes, comma separated', integerList, [500])
  .option('--batch-size <n>', 'rows per step', integer(1, 100_000), 100)
  .option('--learning-rate <x>', 'Adam learning rate', number(1e-7, 1), 1e-3)
  .option('--iwae-samples <k>', 'importance samples of the log-likelihood estimate', integer(1, 10_000), 100)
  .option('--iwae-examples <n>', 'test digits the log-likelihood is estimated on', integer(1, 100_000), 500)
  .addOption(backendOption())
  .option('--out <dir>', 'output directory', 'out/train-vae')
  .addOption(seedOption())
  .action((options) => trainVae(options));

program.command('fit-sin')
  .description('fit y = sin x on [0, 10π]: Dense(500) against Dense(20)-Dense(20); print losses, plot the fits')
  .option('--epochs <n>', 'training epochs', integer(1, 100_000), 100)
  .option('--learning-rate <x>', 'Adam learning rate', number(1e-7, 1), 0.01)
  .addOption(backendOption())
  .option('--out <dir>', 'output directory', 'out/fit-sin')
  .addOption(seedOption().default(0))
  .action((options) => fitSin(options));

program.command('detect')
  .description('one-class anomaly detection on MNIST: train on a normal digit, report ROC AUC against the others')
  .option('--normal <digit>', "normal digit 0-9, or 'all' for each in turn", (v: string) => (v === 'all' ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] : [integer(0, 9)(v)]), [0])
  .addOption(new Option('--model <kind>', 'detector model').choices(['autoencoder', 'vae', 'conv-autoencoder']).default('autoencoder'))
  .addOption(new Option('--vae-decoder <kind>', "decoder likelihood of --model vae (grey levels: 'bernoulli')")
    .choices(['bernoulli', 'gaussian']).default('bernoulli'))
  .option('--epochs <n>', 'training epochs', integer(1, 10_000), 30)
  .option('--contamination <x>', 'expected share of anomalies, sets the threshold', number(1e-6, 0.499), 0.1)
  .addOption(backendOption())
  .option('--out <dir>', 'output directory', 'out/detect')
  .addOption(seedOption())
  .action((options) => detect(options));

program.command('bench')
  .description('run the benchmark suites (same as npm run bench); --quick for a short run')
  .allowUnknownOption()
  .helpOption(false)
  .argument('[args...]')
  .action((args: string[]) => bench(args));

program.parseAsync(process.argv).catch((error: Error) => {
  console.error(`error: ${error.message}`);
  process.exitCode = 1;
});
