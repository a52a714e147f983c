// How much of two cores the host gives two threads right now. Two worker threads, each with its own
// one-thread instance of the module, multiply 512×512 matrices with the one-thread GEMM: first one alone,
// then both at once, then the other alone. The capacity is the sum of the two speeds together, each relative
// to a thread alone: 2 for two full cores, about 1 when the host runs both vCPUs on one core's resources
// (its two hyperthreads, or its caches shared with a busy neighbour), which /proc/stat does not show.
// A speed-up of two threads over one can only be read against it.
//   node bench/parallel_capacity.mjs [probes]
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const WASM = new URL('../dist/bundle/simd.wasm', import.meta.url);
const N = 512;

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { exports: k } = new WebAssembly.Instance(new WebAssembly.Module(workerData.bytes), { env: { abort() { throw new Error('abort'); } } });
const n = workerData.n;
const a = k.memory_alloc(n * n * 4), b = k.memory_alloc(n * n * 4), c = k.memory_alloc(n * n * 4);
const bytes = k.gemm_f32_scratch_bytes(n) >>> 0;
const scratch = k.memory_alloc(bytes);
const f32 = new Float32Array(k.memory.buffer);
for (let i = 0; i < n * n; i++) { f32[a / 4 + i] = (i % 7) / 7; f32[b / 4 + i] = (i % 5) / 5; }
const product = () => k.gemm_f32(n, n, n, a, n, 1, b, n, 1, c, n, 0, 0, 0, 0, 0, 0, 0, 0, scratch, bytes);
product();
parentPort.on('message', ({ products, go }) => {
  const flag = new Int32Array(go);
  Atomics.add(flag, 1, 1);
  while (Atomics.load(flag, 0) === 0) {}
  const t0 = performance.now();
  for (let i = 0; i < products; i++) product();
  parentPort.postMessage(performance.now() - t0);
});`;

/** Two workers kept for repeated probes; `close()` ends them. */
export function capacityProbe() {
  const bytes = readFileSync(WASM);
  const workers = [0, 1].map(() => new Worker(workerSource, { eval: true, workerData: { bytes, n: N } }));
  for (const worker of workers) worker.unref();
  /** ms each of `which` took for `products` products, started together. */
  const run = async (which, products) => {
    const go = new Int32Array(new SharedArrayBuffer(8));
    const done = which.map((w) => new Promise((resolve) => w.once('message', resolve)));
    for (const w of which) w.postMessage({ products, go: go.buffer });
    while (Atomics.load(go, 1) < which.length) await new Promise((resolve) => setTimeout(resolve, 1));
    Atomics.store(go, 0, 1);
    return Promise.all(done);
  };
  return {
    /** The capacity now: median of `rounds` of (one alone, both together, the other alone), ~0.1 s each. */
    async measure(rounds = 3, products = 4) {
      const ratios = [];
      for (let r = 0; r < rounds; r++) {
        const [alone] = await run([workers[0]], products);
        const [first, second] = await run(workers, products);
        const [again] = await run([workers[1]], products);
        const single = Math.min(alone, again);
        ratios.push(single / first + single / second);
      }
      ratios.sort((x, y) => x - y);
      return +ratios[ratios.length >> 1].toFixed(2);
    },
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const probe = capacityProbe();
  const values = [];
  for (let i = 0; i < Number(process.argv[2] ?? 5); i++) values.push(await probe.measure());
  console.log(`capacity of two threads (2 = two full cores), one probe every ~0.5 s: ${values.join(' ')}`);
  await probe.close();
}
