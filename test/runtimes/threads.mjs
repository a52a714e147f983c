// Threads on Node, Deno and Bun: the threaded build runs, its worker becomes ready, threaded products equal
// single-thread ones, and the script then ends by itself (the backend is not disposed: the runner's
// time-out catches a worker that keeps the process alive). Prints `THREADS <json>`.
import * as tf from '@tensorflow/tfjs-core';
import { setThreadCount } from '../../dist/index.js';

await tf.setBackend('simd');
const backend = tf.backend();
const a = tf.randomUniform([300, 300], -1, 1, 'float32', 1);
const b = tf.randomUniform([300, 300], -1, 1, 'float32', 2);
setThreadCount(1);
const single = await tf.matMul(a, b).data();
setThreadCount(2);
tf.matMul(a, b).dispose(); // starts the worker
let ready = 0;
for (let i = 0; i < 1000 && backend.threadPool != null && (ready = backend.threadPool.readyWorkers(1)) === 0; i++) {
  await new Promise((resolve) => setTimeout(resolve, 10));
}
let maxDifference = 0;
for (let round = 0; round < 20; round++) {
  const threaded = await tf.matMul(a, b).data();
  for (let i = 0; i < single.length; i++) maxDifference = Math.max(maxDifference, Math.abs(threaded[i] - single[i]));
}
console.log(`THREADS ${JSON.stringify({ threaded: backend.wasm.threads != null, threadCount: backend.threadCount, ready, maxDifference })}`);
