// The command line: help, clear errors for bad flags with nothing written, and a short real run.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = (args) => spawnSync(process.execPath, ['packages/cli/dist/index.js', ...args], { encoding: 'utf8' });

test('--help lists every command', () => {
  const { status, stdout } = cli(['--help']);
  assert.is(status, 0);
  for (const command of ['train-vae', 'fit-sin', 'detect', 'bench']) assert.ok(stdout.includes(command), command);
});

const badFlags = [
  [['train-vae', '--epochs', 'ten'], /--epochs <n>' argument 'ten' is invalid/],
  [['train-vae', '--decoder', 'poisson'], /Allowed choices are gaussian, bernoulli, both/],
  [['train-vae', '--hidden', '500,-3'], /expected an integer from 1 to 100000, got '-3'/],
  [['fit-sin', '--learning-rate', '0'], /expected a number from 1e-7 to 1, got '0'/],
  [['detect', '--normal', '10'], /expected an integer from 0 to 9, got '10'/],
  [['detect', '--backend', 'webgl'], /Allowed choices are simd, wasm, cpu/],
  [['detect', '--contamination', '0.9'], /expected a number from 0.000001 to 0.499|expected a number from 1e-6 to 0.499/],
  [['train-vae', '--no-such-flag'], /unknown option '--no-such-flag'/],
  [['no-such-command'], /unknown command 'no-such-command'/],
];

for (const [args, message] of badFlags) {
  test(`bad flags: ${args.join(' ')}`, () => {
    const out = mkdtempSync(join(tmpdir(), 'cli-'));
    rmSync(out, { recursive: true });
    const { status, stderr } = cli([...args, '--out', out]);
    assert.is(status, 1);
    assert.match(stderr, message);
    assert.not.ok(existsSync(out), 'nothing written');
  });
}

test('fit-sin runs end to end and writes its plot and report', () => {
  const out = mkdtempSync(join(tmpdir(), 'cli-'));
  try {
    const { status, stdout, stderr } = cli(['fit-sin', '--epochs', '2', '--out', out]);
    assert.is(status, 0, stderr);
    assert.match(stdout, /deep: Dense\(20, relu\) - Dense\(20, relu\) - Dense\(1\): final MSE \d/);
    const png = readFileSync(join(out, 'sin-fit.png'));
    assert.equal([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    assert.is(report.results.length, 2);
    assert.ok(report.backend.startsWith('simd'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
