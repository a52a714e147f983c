// @ts-check
// Threads on Node, Deno and Bun: the threaded build runs, its worker becomes ready, threaded products equal
// single-thread ones, and the script then ends by itself (the backend is not disposed: the runner's
// time-out catches a worker that keeps the process alive). Prints `THREADS <json>`.
import * as tf from '@tensorflow/tfjs-core';
import { setThreadCount } from '../../dist/index.js';
import { countOtherLoad } from '../../dist/threads/other_load.js';
import { checkThreads } from './threads_check.mjs';

// This checks that threads work, not how the pool shares a busy machine: other processes' load (the rest of
// the test run) must not hold the worker back.
countOtherLoad(false);
const result = await checkThreads(tf, setThreadCount);
console.log(`THREADS ${JSON.stringify(result)}`);
