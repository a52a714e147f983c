// @ts-check
// Runs the portable checks in this process (Node, Deno or Bun) and prints one line:
//   PORTABLE {"runtime": …, "checks": […], "numbers": {…}}
// for the runner to compare across runtimes. Exits 1 if a check failed.
import * as tf from '@tensorflow/tfjs-core';
import * as simd from '../../dist/index.js';
import { VAE } from '../../dist/models/index.js';
import { runPortableChecks } from './portable_checks.mjs';

const result = await runPortableChecks({ tf, simd, VAE });
console.log(`PORTABLE ${JSON.stringify(result)}`);
for (const check of result.checks)
  if (!check.ok) console.error(`${result.runtime}: ${check.name} failed: ${check.error}`);
if (result.checks.some((check) => !check.ok)) process.exit(1);
