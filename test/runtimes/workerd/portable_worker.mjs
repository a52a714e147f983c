// @ts-check
// The portable checks as a worker: GET / runs them in workerd and answers with their result as JSON.
import * as tf from '@tensorflow/tfjs-core';
import { VAE } from '../../../dist/models/index.js';
import * as simd from '../../../dist/workers.js';
import { runPortableChecks } from '../portable_checks.mjs';

export default {
  async fetch() {
    return Response.json(await runPortableChecks({ tf, simd, VAE }));
  },
};
