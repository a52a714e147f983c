// Per-op dispatch overhead: 10,000 tiny ops in a chain, each on a [4] tensor, so the time is what the
// engine and the backend spend per op (bookkeeping, allocation, the call into the kernel), not arithmetic.
// The row is milliseconds per 10,000 ops: divide by 10 for microseconds per op (also printed). The backends
// take turns (ctx.measureTurns).
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
    // The backends take turns, round after round: a slow spell of a shared host then hits them alike.
    const chains = [];
    for (const backend of backends) {
      await ctx.use(backend);
      chains.push({ backend, chain: dispatchChain(tf, OPS, op) });
    }
    const name = `${OPS.toLocaleString('en')} × ${label} (÷10: µs per op)`;
    const rows = await ctx.measureTurns(
      chains.map(({ backend, chain }) => ({ case: name, backend, fn: chain.run })),
      { warmupMs: ctx.quick ? 50 : 300, batchMs: ctx.quick ? 20 : 60 },
    );
    for (const row of rows) perOp.push(`${label} ${row.backend} ${((row.ms * 1000) / OPS).toFixed(2)} µs`);
    for (const { chain } of chains) chain.dispose();
  }
  console.log(`\nDispatch, µs per op: ${perOp.join(', ')}`);
}
