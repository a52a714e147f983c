// @ts-check
// Threads on Node, Deno and Bun: the threaded build runs, its worker becomes ready, threaded products equal
// single-thread ones, and the script then ends by itself (the backend is not disposed: the runner's
// time-out catches a worker that keeps the process alive). Prints `THREADS <json>`.
import * as tf from '@tensorflow/tfjs-core';
import { setThreadCount } from '../../dist/index.js';
import { checkThreads } from './threads_check.mjs';

const result = await checkThreads(tf, setThreadCount);
console.log(`THREADS ${JSON.stringify(result)}`);
