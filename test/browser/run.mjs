// `npm run test:browser`: loads the benchmark page in headless Chromium at tiny sizes (?quick) and checks
// that every workload gave, on every backend, a finite first result equal to tfjs-backend-cpu's within
// tolerance (every backend starts each workload from the same seeded weights and data). Needs `npm run
// build` first. Ends with `browser: N passed, M failed`.
import { runBrowserBench } from '../../bench/browser/run.mjs';

/**
 * Float32 on every backend, but in different orders of summation (and fused multiply-adds on the relaxed
 * build, WebGL's shaders): one Adam step or a 10,000-op chain drifts by a few ulps per op.
 */
const RTOL = 1e-3;
const ATOL = 1e-4;

const result = await runBrowserBench({ quick: true, timeoutMs: 180_000 });
let passed = 0;
let failed = 0;
const report = (ok, line) => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`);
};

for (const workload of [...new Set(result.rows.map((r) => r.workload))]) {
  const reference = result.rows.find((r) => r.workload === workload && r.backend === 'cpu');
  for (const backend of result.backends) {
    const row = result.rows.find((r) => r.workload === workload && r.backend === backend);
    const label = `${workload} on ${backend}`;
    if (row == null || row.error) {
      report(false, `${label}: ${row?.error ?? 'no result'}`);
    } else if (!Number.isFinite(row.check) || !Number.isFinite(row.ms)) {
      report(false, `${label}: result ${row.check}, ${row.ms} ms`);
    } else if (!Number.isFinite(reference?.check)) {
      report(false, `${label}: no finite cpu result to compare with`);
    } else {
      const diff = Math.abs(row.check - reference.check);
      report(diff <= ATOL + RTOL * Math.abs(reference.check), `${label}: ${row.check} vs cpu ${reference.check} (|Δ| ${diff.toExponential(1)})`);
    }
  }
}
console.log(`Chromium ${result.chromium}, simd build ${result.simdBuild}, WebGL renderer: ${result.renderer}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
