// @ts-check
// The cross-runtime benchmark's plumbing: `--runtime` parsing, the commands that start each runtime, the
// hand-assembled peak module (checked against a float32 simulation of its chains) and the summary table.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PEAK_FLOPS_PER_ITERATION, peakModuleBytes, peakProbe } from '../../bench/runtimes/peak_module.mjs';
import { currentRuntime, runtimeCommand, takeRuntimeOption } from '../../bench/runtimes/runtime.mjs';
import { summaryTable } from '../../bench/runtimes/summary.mjs';

test('--runtime is taken out of the arguments, wherever it stands', () => {
  assert.equal(takeRuntimeOption(['--quick', '--runtime', 'deno', '--suite', 'gemm']), {
    runtime: 'deno',
    rest: ['--quick', '--suite', 'gemm'],
  });
  assert.equal(takeRuntimeOption(['--runtime', 'bun']), { runtime: 'bun', rest: [] });
  assert.equal(takeRuntimeOption(['--quick']), { runtime: null, rest: ['--quick'] });
});

test('--runtime rejects unknown and missing names', () => {
  assert.throws(() => takeRuntimeOption(['--runtime', 'deon']), /one of node, node22, node24, deno, bun; got 'deon'/);
  assert.throws(() => takeRuntimeOption(['--quick', '--runtime']), /got nothing/);
});

test('each runtime is started with what a benchmark needs there', () => {
  const deno = runtimeCommand('deno', 'x.mjs', ['--quick']);
  assert.equal(deno.args, ['run', '-A', '--v8-flags=--expose-gc', 'x.mjs', '--quick']);
  assert.ok(/deno$/.test(deno.command));
  assert.equal(runtimeCommand('bun', 'x.mjs', ['a']).args, ['x.mjs', 'a']);
  const node = runtimeCommand('node', 'x.mjs', ['a'], { nodeFlags: ['--expose-gc'] });
  assert.equal(node.args, ['--expose-gc', 'x.mjs', 'a']);
  assert.is(currentRuntime(), 'node');
  assert.is(node.command, process.execPath);
  assert.throws(() => runtimeCommand('qjs', 'x.mjs'), /unknown runtime/);
  // Node 22 and 24 come from npm and reject the flag that turns relaxed SIMD on in Node 20.
  const node24 = runtimeCommand('node24', 'x.mjs', ['a'], {
    nodeFlags: ['--expose-gc', '--experimental-wasm-relaxed-simd'],
  });
  assert.equal(node24.args, ['--expose-gc', 'x.mjs', 'a']);
  assert.ok(node24.command.endsWith('node_modules/node24/bin/node'), node24.command);
});

/** The probe's arithmetic in float32, chain by chain, summed in the module's order. */
function simulatePeak(iterations, x, y, fused) {
  const f = Math.fround;
  let chain = f(x);
  for (let i = 0; i < iterations; i++) chain = fused ? f(chain * f(y) + f(x)) : f(f(chain * f(y)) + f(x));
  let sum = chain;
  for (let c = 1; c < 12; c++) sum = f(sum + chain);
  return sum;
}

test('the hand-assembled peak module computes its twelve chains', async () => {
  assert.is(PEAK_FLOPS_PER_ITERATION, 96);
  const plain = await peakProbe(false);
  assert.ok(plain != null, 'Node validates SIMD');
  for (const [iterations, x, y] of [
    [0, 1, 0.999],
    [1, 2, 0.5],
    [37, 1, 0.999],
    [1000, -3, 0.75],
  ]) {
    assert.is(plain(iterations, x, y), simulatePeak(iterations, x, y, false), `${iterations} iterations`);
  }
  // The fused module validates only where relaxed SIMD does; its bytes differ only in the multiply-adds.
  const fused = peakModuleBytes(true);
  assert.ok(fused.length < peakModuleBytes(false).length);
  const relaxed = await peakProbe(true);
  if (relaxed != null) assert.ok(Math.abs(relaxed(100, 1, 0.999) - simulatePeak(100, 1, 0.999, true)) < 1e-3);
});

test('the summary shows each fraction of the own peak and its ratio to the first runtime', () => {
  const rows = (peak, gemm) => [
    { case: 'peak', build: 'simd', gflops: peak },
    { case: 'matMul 256³', build: 'simd', gflops: gemm },
  ];
  const table = summaryTable([
    { runtime: 'node', defaultBuild: 'simd', rows: rows(40, 36) },
    { runtime: 'deno', defaultBuild: 'relaxed-simd', rows: rows(50, 30) },
    { runtime: 'bun', error: 'not installed' },
  ]);
  const lines = table.split('\n');
  assert.is(lines[0], '| case | build | node | deno |');
  assert.is(lines[2], '| peak | simd | 40.0* | 50.0 |');
  assert.is(lines[3], '| matMul 256³ | simd | 36.0* (90%) | 30.0 (60%, 0.67×) |');
});

test.run();
