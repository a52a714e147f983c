// @ts-check
// The portable checks as a page script: the result goes to window.portableResult.
import * as tf from '@tensorflow/tfjs-core';
import * as simd from '../../../dist/index.js';
import { VAE } from '../../../dist/models/index.js';
import { runPortableChecks } from '../portable_checks.mjs';

window.portableResult = runPortableChecks({ tf, simd, VAE }).catch((e) => ({
  runtime: navigator.userAgent,
  checks: [{ name: 'load', ok: false, error: String(e?.stack ?? e) }],
  numbers: {},
}));
