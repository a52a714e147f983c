// @ts-check
// The embedded entry (WebAssembly held as bytes) in workerd, which forbids compiling bytes at run time:
// GET / answers whether setBackend('simd') worked and the message tfjs logged.
import * as tf from '@tensorflow/tfjs-core';
import '../../../dist/embedded.js';

export default {
  async fetch() {
    const warnings = [];
    const warn = console.warn;
    console.warn = (...args) => warnings.push(args.map(String).join(' '));
    try {
      const switched = await tf.setBackend('simd');
      return Response.json({
        switched,
        message: warnings.find((w) => w.includes("Backend 'simd'"))?.split('\n')[0] ?? null,
      });
    } finally {
      console.warn = warn;
    }
  },
};
