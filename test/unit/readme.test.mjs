// README's table of native kernels is the one the package reports (scripts/kernel-table.mjs prints it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import '@tensorflow/tfjs-backend-cpu'; // the fallback list is tfjs-backend-cpu's, once it is loaded
import { kernelCoverage } from '../../dist/index.js';

test("README lists exactly the kernels that run natively and those that fall back", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const row = (label) => {
    const line = readme.split('\n').find((l) => l.startsWith(`| ${label} |`));
    assert.ok(line, `README has a '${label}' row`);
    return [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  };
  const { native, fallback } = kernelCoverage();
  assert.equal(row('native WASM SIMD'), native);
  assert.equal(row("tfjs-backend-cpu's code on the same memory"), fallback);
});

test.run();
