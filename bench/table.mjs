// The markdown table of benchmark rows ({ suite, case, backend, ms, value?, metric?, ofPeak? }, one per backend
// and case): one row per case, one column per backend, then the speed-ups of the simd builds over
// tfjs-backend-wasm and over tfjs-backend-cpu. The runner prints it after a run, and
// scripts/readme-tables.mjs writes README's figure tables with it from saved runs.

/** A cell: time in ms, or the value of the row's metric (GFLOPS, GB/s) with its fraction of the peak. */
export function formatCell(row) {
  if (row == null) return '—';
  if (row.value == null) return `${row.ms.toFixed(row.ms < 10 ? 3 : 1)} ms`;
  const value = row.value.toFixed(row.value < 10 ? 2 : 1);
  return row.ofPeak != null ? `${value} (${Math.round(row.ofPeak * 100)}%)` : value;
}

/** Speed-up of `row` over `base`: value ratio for GFLOPS and GB/s, inverse time ratio otherwise. */
export function speedup(row, base) {
  if (row == null || base == null) return '—';
  const ratio = row.value != null && base.value != null ? row.value / base.value : base.ms / row.ms;
  return `${ratio.toFixed(ratio < 10 ? 2 : 1)}×`;
}

/**
 * The table of `rows` over `backends` (in column order), cases in their first-seen order. The suite column is
 * left out when every row comes from one suite, and speed-up columns whose base did not run are left out.
 */
export function markdownTable(rows, backends) {
  const cases = [];
  const seen = new Set();
  for (const row of rows) {
    const key = `${row.suite}\u0000${row.case}`;
    if (!seen.has(key)) {
      seen.add(key);
      cases.push([row.suite, row.case]);
    }
  }
  const find = (suite, name, backend) =>
    rows.find((r) => r.suite === suite && r.case === name && r.backend === backend);
  const ran = (backend) => rows.some((r) => r.backend === backend);
  const ratios = [
    ...(ran('wasm') ? backends.filter((b) => b.startsWith('simd')).map((b) => [b, 'wasm']) : []),
    ...(ran('cpu') ? backends.filter((b) => b.startsWith('simd')).map((b) => [b, 'cpu']) : []),
  ];
  const withSuite = new Set(cases.map(([suite]) => suite)).size > 1;
  const header = [
    ...(withSuite ? ['suite'] : []),
    'case',
    'unit',
    ...backends,
    ...ratios.map(([b, base]) => `${b} ×${base}`),
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const [suite, name] of cases) {
    const cells = backends.map((b) => find(suite, name, b));
    const unit = cells.find((c) => c != null)?.metric ?? 'ms';
    const speedups = ratios.map(([b, base]) => speedup(find(suite, name, b), find(suite, name, base)));
    lines.push(`| ${[...(withSuite ? [suite] : []), name, unit, ...cells.map(formatCell), ...speedups].join(' | ')} |`);
  }
  return lines.join('\n');
}
