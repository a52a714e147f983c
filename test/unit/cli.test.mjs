// @ts-check
// The command line: help and version, every trap a user can fall into (exit code, one-line message with a
// pointer to --help, nothing written or lost), real short runs whose summary lists every file written, charts
// whose SVG holds their text, and progress output that never shows its bare template.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TrainingProgress } from '../../packages/cli/dist/progress.js';

const CLI = 'packages/cli/dist/index.js';
const HIDE_WASM = ['--import', './test/helpers/hide_wasm_peer.mjs'];
const cli = (args, nodeFlags = []) => spawnSync(process.execPath, [...nodeFlags, CLI, ...args], { encoding: 'utf8' });
const scratch = () => mkdtempSync(join(tmpdir(), 'cli-'));
const POINTER = '(add --help for usage)';

test('--help lists every command; --help anywhere prints help and runs nothing', () => {
  const { status, stdout } = cli(['--help']);
  assert.is(status, 0);
  for (const command of ['train-vae', 'fit-sin', 'detect', 'bench']) assert.ok(stdout.includes(command), command);
  /** @type {Array<[string[], string]>} */
  const cases = [
    [['bench', '--help'], 'Usage: tfjs-backend-simd bench'],
    [['train-vae', '--epochs', '0', '--help'], 'Usage: tfjs-backend-simd train-vae'],
    [['detect', '-h', '--out', '/dev/null/x'], 'Usage: tfjs-backend-simd detect'],
  ];
  for (const [args, usage] of cases) {
    const run = cli(args);
    assert.is(run.status, 0, args.join(' '));
    assert.ok(run.stdout.startsWith(usage), `${args.join(' ')}: ${run.stdout.slice(0, 80)}`);
    assert.is(run.stderr, '', 'no error');
  }
});

test('--version prints the backend and command-line versions', () => {
  const { status, stdout } = cli(['--version']);
  const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.is(status, 0);
  assert.ok(stdout.startsWith(`tfjs-backend-simd ${version} (command line `), stdout);
});

/** [what, args, message, extra node flags, set-up of the output folder]: each must fail at once. */
/** @type {Array<[string, string[], RegExp, string[]?, ((out: string) => void)?, string?]>} */
const traps = [
  [
    '--epochs 0',
    ['train-vae', '--epochs', '0'],
    /--epochs <n>' argument '0' is invalid\. expected an integer from 1 to 10000/,
  ],
  ['--epochs not a number', ['train-vae', '--epochs', 'ten'], /--epochs <n>' argument 'ten' is invalid/],
  ['unknown decoder', ['train-vae', '--decoder', 'poisson'], /Allowed choices are gaussian, bernoulli, both/],
  ['negative hidden size', ['train-vae', '--hidden', '500,-3'], /expected an integer from 1 to 100000, got '-3'/],
  ['learning rate 0', ['fit-sin', '--learning-rate', '0'], /expected a number from 1e-7 to 1, got '0'/],
  ['digit 10', ['detect', '--normal', '10'], /expected an integer from 0 to 9, got '10'/],
  ['unknown backend', ['detect', '--backend', 'webgl'], /Allowed choices are simd, wasm, cpu/],
  [
    'contamination 0.9',
    ['detect', '--contamination', '0.9'],
    /expected a number from 0\.000001 to 0\.499|expected a number from 1e-6 to 0\.499/,
  ],
  ['unknown flag', ['train-vae', '--no-such-flag'], /unknown option '--no-such-flag'/],
  ['unknown bench flag', ['bench', '--fast'], /unknown option '--fast'/],
  ['unknown command', ['no-such-command'], /unknown command 'no-such-command'/],
  ['--out is a file', ['fit-sin'], /--out .*: is a file, not a directory/, [], (out) => writeFileSync(out, 'keep me')],
  [
    '--out below a file',
    ['detect'],
    /--out .*: .* is a file, not a directory/,
    [],
    (out) => writeFileSync(out, 'keep me'),
    'sub',
  ],
  [
    'the model folder is a file',
    ['train-vae'],
    /bernoulli-model exists and is a file, not a folder/,
    [],
    (out) => {
      mkdirSync(out);
      writeFileSync(join(out, 'bernoulli-model'), 'keep me');
    },
  ],
  [
    'a chart path is a folder',
    ['fit-sin'],
    /sin-fit\.png exists and is a folder, not a file/,
    [],
    (out) => {
      mkdirSync(join(out, 'sin-fit.png'), { recursive: true });
    },
  ],
  [
    'bench without tfjs-backend-wasm',
    ['bench', '--quick'],
    /bench needs the package '@tensorflow\/tfjs-backend-wasm', which is not installed: npm install @tensorflow\/tfjs-backend-wasm/,
    HIDE_WASM,
  ],
  [
    '--backend wasm without it',
    ['fit-sin', '--backend', 'wasm'],
    /--backend wasm needs the package '@tensorflow\/tfjs-backend-wasm', which is not installed: npm install @tensorflow\/tfjs-backend-wasm/,
    HIDE_WASM,
  ],
];

for (const [what, args, message, nodeFlags = [], setUp, below] of traps) {
  test(`trap: ${what} — exit 1, one line and the --help pointer, nothing written or lost`, () => {
    const root = scratch();
    try {
      const out = join(root, 'out');
      setUp?.(out);
      const before = listing(root);
      const target = below ? join(out, below) : out;
      const { status, stdout, stderr } = cli(
        args[0] === 'bench' || args[0] === 'no-such-command' ? args : [...args, '--out', target],
        nodeFlags,
      );
      assert.is(status, 1, stderr);
      const lines = stderr.trimEnd().split('\n');
      assert.match(lines[0], /^error: /);
      assert.match(lines[0], message);
      assert.equal(lines.slice(1), [POINTER], `one line plus the pointer: ${stderr}`);
      assert.is(stdout, '', 'nothing started');
      assert.equal(listing(root), before, 'nothing written or changed');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

/** Every file under dir with its contents, to see that nothing was written, removed or changed. */
function listing(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => {
      const path = join(entry.parentPath ?? entry.path, entry.name);
      return `${path}:${entry.isFile() ? readFileSync(path, 'utf8') : '/'}`;
    })
    .sort();
}

/** The paths the final "wrote …" line lists. */
function written(stdout) {
  const line = stdout.split('\n').find((l) => l.startsWith('wrote '));
  assert.ok(line, `a summary line in ${stdout}`);
  return line.slice('wrote '.length).split(', ');
}

/** The text of an SVG's <text> elements. */
const svgTexts = (svg) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&amp;/g, '&'));

function assertChart(out, name, expectedTexts) {
  const png = readFileSync(join(out, `${name}.png`));
  assert.equal([...png.subarray(1, 4)], [...Buffer.from('PNG')], `${name}.png is a PNG`);
  const texts = svgTexts(readFileSync(join(out, `${name}.svg`), 'utf8'));
  for (const expected of expectedTexts) {
    assert.ok(
      texts.some((t) => (expected instanceof RegExp ? expected.test(t) : t === expected)),
      `${name}.svg has text ${expected}: ${texts.slice(0, 40).join(' | ')}`,
    );
  }
  // Tick labels: at least a few numbers on the axes.
  assert.ok(texts.filter((t) => /^[−-]?\d[\d,.]*$/.test(t)).length >= 4, `${name}.svg has tick labels`);
}

test('fit-sin: runs end to end; the summary lists every file; the chart has its title, axes and legend', () => {
  const out = scratch();
  try {
    const { status, stdout, stderr } = cli(['fit-sin', '--epochs', '2', '--out', out]);
    assert.is(status, 0, stderr);
    assert.match(stdout, /deep: Dense\(20, relu\) - Dense\(20, relu\) - Dense\(1\): final MSE \d/);
    assert.equal(
      written(stdout).sort(),
      readdirSync(out)
        .map((f) => join(out, f))
        .sort(),
    );
    assertChart(out, 'sin-fit', [
      /^Fitting y = sin x/,
      'x (radians)',
      'y',
      'sin x',
      /^wide: Dense\(500, relu\)/,
      /^deep: /,
    ]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    assert.is(report.results.length, 2);
    assert.ok(report.backend.startsWith('simd'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('train-vae (tiny): the summary lists the charts, report and model folder; image grids are labelled; piped progress is plain', () => {
  const out = scratch();
  try {
    const { status, stdout, stderr } = cli([
      'train-vae',
      '--epochs',
      '2',
      '--hidden',
      '16',
      '--latent',
      '2',
      '--batch-size',
      '400',
      '--iwae-samples',
      '2',
      '--iwae-examples',
      '10',
      '--out',
      out,
    ]);
    assert.is(status, 0, stderr);
    const listed = written(stdout);
    assert.ok(listed.includes(`${join(out, 'bernoulli-model')}/`), `model folder listed: ${listed}`);
    assert.equal(
      listed.map((p) => p.replace(/\/$/, '')).sort(),
      readdirSync(out)
        .map((f) => join(out, f))
        .sort(),
    );
    assert.equal(readdirSync(join(out, 'bernoulli-model')).sort(), ['decoder', 'encoder']);
    assertChart(out, 'bernoulli-elbo', [
      'Bernoulli VAE: ELBO per epoch',
      'epoch',
      'ELBO (nats per digit)',
      /^train/,
      /^test/,
    ]);
    const grid = svgTexts(readFileSync(join(out, 'bernoulli-reconstructions.svg'), 'utf8'));
    assert.ok(
      grid.some((t) =>
        /^Bernoulli VAE: test digits and their reconstructions \(epoch 2, test ELBO -?\d+\.\d nats\)$/.test(t),
      ),
      grid.join(' | '),
    );
    assert.is(grid.filter((t) => t === 'original').length, 5);
    assert.is(grid.filter((t) => t === 'reconstruction').length, 5);
    assert.match(stdout, /\[bernoulli\] epoch 1\/2: train ELBO -?\d/);
    assert.not.match(stdout + stderr, /\{epoch\}|\{metric\}|\{bar\}/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('progress on a terminal: every frame has its numbers, never the bare template', () => {
  let text = '';
  const stream = new Writable({
    write(chunk, _, done) {
      text += chunk;
      done();
    },
  });
  Object.assign(stream, {
    isTTY: true,
    columns: 200,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  const progress = new TrainingProgress(6, 'ELBO', stream);
  for (let epoch = 0; epoch < 3; epoch++) {
    for (let step = 0; step < 2; step++) progress.step(epoch, -100 - step);
    progress.epochDone(`epoch ${epoch + 1}/3 done`);
  }
  progress.stop();
  assert.ok(text.includes('steps'), `the bar was drawn: ${JSON.stringify(text.slice(0, 200))}`);
  assert.not.match(text, /\{[a-z_]+\}/);
});

test.run();
