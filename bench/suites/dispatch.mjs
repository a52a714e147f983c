// Per-op dispatch overhead: 10,000 tiny ops in a chain, each on a [4] tensor, so the time is what the
// engine and the backend spend per op (bookkeeping, allocation, the call into the kernel), not arithmetic.
// The row is milliseconds per 10,000 ops: divide by 10 for microseconds per op (also printed).
import { dispatchChain } from '../workloads.mjs';

const OPS = 10_000;

export default async function dispatch(ctx) {
  const { tf, backends } = ctx;
  const cases = [
    ['tf.add on [4]', (a, b) => tf.add(a, b)],
    ['tf.relu on [4]', (a) => tf.relu(a)],
  ];
  const perOp = [];
  for (const [label, op] of cases) {
    for (const backend of backends) {
      await ctx.use(backend);
      const chain = dispatchChain(tf, OPS, op);
      const row = await ctx.measure(`${OPS.toLocaleString('en')} × ${label} (÷10: µs per op)`, chain.run, { backend });
      perOp.push(`${label} ${backend} ${((row.ms * 1000) / OPS).toFixed(2)} µs`);
      chain.dispose();
    }
  }
  console.log(`\nDispatch, µs per op: ${perOp.join(', ')}`);
}
