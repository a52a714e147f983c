#!/usr/bin/env node
// The command line: `tfjs-backend-simd <command> [options]`; `--help` on any command lists its options.
// Every flag and path is checked before any work starts; an error is one line plus a pointer to --help.
import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { bench } from './bench.js';
import { UsageError } from './checks.js';
import { detect } from './detect.js';
import { fitSin } from './fit_sin.js';
import { BACKENDS, integer, integerList, number } from './options.js';
import { trainVae } from './train_vae.js';

const require = createRequire(import.meta.url);
const versions =
  `tfjs-backend-simd ${require('tfjs-backend-simd/package.json').version} ` +
  `(command line ${require('../package.json').version}, Node ${process.versions.node})`;

const HELP_POINTER = '(add --help for usage)';

const program = new Command('tfjs-backend-simd')
  .description('Models on the WebAssembly SIMD backend for TensorFlow.js')
  .version(versions, '-V, --version', 'print the versions and exit')
  .showHelpAfterError(HELP_POINTER)
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

const backendOption = () => new Option('--backend <name>', 'tfjs backend to run on').choices(BACKENDS).default('simd');
const seedOption = () =>
  new Option('--seed <n>', 'seed of every random draw').argParser(integer(0, 2 ** 31 - 1)).default(1);

program
  .command('train-vae')
  .description('train a VAE on the shipped MNIST digits; write the model, charts (SVG + PNG) and report.json')
  .addOption(
    new Option('--decoder <kind>', 'decoder likelihood')
      .choices(['gaussian', 'bernoulli', 'both'])
      .default('bernoulli'),
  )
  .option('--epochs <n>', 'training epochs', integer(1, 10_000), 10)
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

program
  .command('fit-sin')
  .description('fit y = sin x on [0, 10π]: Dense(500) against Dense(20)-Dense(20); print losses, chart the fits')
  .option('--epochs <n>', 'training epochs', integer(1, 100_000), 100)
  .option('--learning-rate <x>', 'Adam learning rate', number(1e-7, 1), 0.01)
  .addOption(backendOption())
  .option('--out <dir>', 'output directory', 'out/fit-sin')
  .addOption(seedOption().default(0))
  .action((options) => fitSin(options));

program
  .command('detect')
  .description('one-class anomaly detection on MNIST: train on a normal digit, report ROC AUC against the others')
  .option(
    '--normal <digit>',
    "normal digit 0-9, or 'all' for each in turn",
    (v: string) => (v === 'all' ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] : [integer(0, 9)(v)]),
    [0],
  )
  .addOption(
    new Option('--model <kind>', 'detector model')
      .choices(['autoencoder', 'vae', 'conv-autoencoder'])
      .default('autoencoder'),
  )
  .addOption(
    new Option('--vae-decoder <kind>', "decoder likelihood of --model vae (grey levels: 'bernoulli')")
      .choices(['bernoulli', 'gaussian'])
      .default('bernoulli'),
  )
  .option('--epochs <n>', 'training epochs', integer(1, 10_000), 30)
  .option('--contamination <x>', 'expected share of anomalies, sets the threshold', number(1e-6, 0.499), 0.1)
  .addOption(backendOption())
  .option('--out <dir>', 'output directory', 'out/detect')
  .addOption(seedOption())
  .action((options) => detect(options));

program
  .command('bench')
  .description(
    'run the benchmark suites against tfjs-backend-wasm and -cpu (same as npm run bench; source checkout only)',
  )
  .option('--quick', 'fewer and smaller cases (under a minute)')
  .option('--suite <name>', 'run only the suites whose name contains this')
  .option('--repeat <n>', 'run every suite n times in turn', integer(1, 100))
  .option('--threads <n>', "threads of the 'simd' backend", integer(1, 64))
  .option('--runtime <name>', 'run the suites under another runtime (deno, bun, node)')
  .option('--runtimes', 'print the cross-runtime summary')
  .action((options) => bench(options));

/** `--help` anywhere wins over the other flags (which may be invalid): argv reduced to `<command> --help`. */
function helpFirst(argv: string[]): string[] {
  const args = argv.slice(2);
  const end = args.includes('--') ? args.indexOf('--') : args.length;
  if (!args.slice(0, end).some((a) => a === '--help' || a === '-h')) return argv;
  const command = program.commands.find((c) => c.name() === args[0]);
  return [...argv.slice(0, 2), ...(command ? [args[0]] : []), '--help'];
}

/** The one line for an error: commander's own message, or ours with the pointer to --help. */
async function main(): Promise<void> {
  try {
    await program.parseAsync(helpFirst(process.argv));
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander printed its message (and the pointer) already; --help and --version end here with code 0.
      process.exitCode = error.exitCode;
      return;
    }
    const usage = error instanceof UsageError;
    console.error(`error: ${(error as Error).message}`);
    if (usage) console.error(HELP_POINTER);
    process.exitCode = 1;
  }
}

void main();
