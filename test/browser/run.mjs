// @ts-check
// `npm run test:browser`: loads the benchmark pages in headless Chromium at tiny sizes (?quick) and checks that
// every workload gave, on every backend, a finite first result equal to tfjs-backend-cpu's within tolerance
// (every backend starts each workload from the same seeded weights and data). A peer that cannot run a workload
// (tfjs-backend-wasm lacks Conv2DBackpropFilter; no WebGPU adapter at all) is reported as skipped with the
// reason; 'simd' and 'cpu' must run everything. Needs `npm run build` first. Ends with
// `browser: N passed, M failed, K skipped`.

import { adapterLines } from '../../bench/browser/render.mjs';
import { runBrowserBench } from '../../bench/browser/run.mjs';

/**
 * Float32 on every backend, but in different orders of summation (and fused multiply-adds on the relaxed
 * build, the GPU backends' shaders): one Adam step or a 10,000-op chain drifts by a few ulps per op.
 */
const RTOL = 1e-3;
const ATOL = 1e-4;
/** The backends this package answers for: whatever runs on 'cpu' must run unchanged on 'simd'. */
const MUST_RUN = new Set(['simd', 'cpu']);

const result = await runBrowserBench({ quick: true, timeoutMs: 300_000 });
const counts = { passed: 0, failed: 0, skipped: 0 };
const report = (outcome, line) => {
  counts[outcome]++;
  console.log(`${{ passed: 'ok  ', failed: 'FAIL', skipped: 'skip' }[outcome]} ${line}`);
};

for (const workload of [...new Set(result.rows.map((r) => r.workload))]) {
  const reference = result.rows.find((r) => r.workload === workload && r.backend === 'cpu');
  for (const backend of result.backends) {
    const row = result.rows.find((r) => r.workload === workload && r.backend === backend);
    const label = `${workload} on ${backend}`;
    if (row?.notRun) {
      report(MUST_RUN.has(backend) ? 'failed' : 'skipped', `${label}: not run: ${row.notRun}`);
    } else if (row == null || row.error) {
      report('failed', `${label}: ${row?.error ?? 'no result'}`);
    } else if (!Number.isFinite(row.check) || !Number.isFinite(row.ms)) {
      report('failed', `${label}: result ${row.check}, ${row.ms} ms`);
    } else if (!Number.isFinite(reference?.check)) {
      report('failed', `${label}: no finite cpu result to compare with`);
    } else {
      const diff = Math.abs(row.check - reference.check);
      const close = diff <= ATOL + RTOL * Math.abs(reference.check);
      report(
        close ? 'passed' : 'failed',
        `${label}: ${row.check} vs cpu ${reference.check} (|Δ| ${diff.toExponential(1)})`,
      );
    }
  }
}
console.log(`Chromium ${result.chromium}, simd build ${result.simdBuild}`);
console.log(adapterLines(result));
console.log(`browser: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed === 0 ? 0 : 1);
