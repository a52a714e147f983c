// The page's table (one row per workload, one column per backend, ratios to tfjs-backend-wasm) and bar chart
// (per workload, each backend's time as a bar, lower is better), from the result bench/browser/page.mjs makes.

const COLORS = { simd: '#1b7f3b', wasm: '#3d6fd1', webgl: '#d18a1f', cpu: '#8a8a8a' };

const find = (result, workload, backend) => result.rows.find((r) => r.workload === workload && r.backend === backend);
const workloads = (result) => [...new Set(result.rows.map((r) => r.workload))];

export function formatMs(row) {
  if (row == null) return '—';
  if (row.error) return `error: ${row.error}`;
  const ms = `${row.ms.toFixed(row.ms < 1 ? 3 : row.ms < 10 ? 2 : 1)} ms`;
  return row.gflops != null && row.ms > 0.5 ? `${ms} (${row.gflops.toFixed(1)} GFLOPS)` : ms;
}

/** The table as markdown: the same text the page shows and bench/browser/run.mjs prints. */
export function markdownTable(result) {
  const ratioTo = (row, base) => (row?.ms && base?.ms ? `${(base.ms / row.ms).toFixed(2)}×` : '—');
  const header = ['workload', ...result.backends, 'simd ×wasm', 'simd ×webgl', 'simd ×cpu'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const workload of workloads(result)) {
    const cells = result.backends.map((b) => formatMs(find(result, workload, b)));
    const simd = find(result, workload, 'simd');
    const ratios = ['wasm', 'webgl', 'cpu'].map((b) => ratioTo(simd, find(result, workload, b)));
    lines.push(`| ${[workload, ...cells, ...ratios].join(' | ')} |`);
  }
  return lines.join('\n');
}

export function renderTable(element, result) {
  element.textContent = `${markdownTable(result)}\n\nWebGL renderer: ${result.renderer}` +
    `${/swiftshader/i.test(result.renderer) ? ' (SwiftShader: a software rasterizer on the CPU, no GPU)' : ''}; ` +
    `simd build: ${result.simdBuild}`;
}

export function renderBarChart(element, result) {
  element.replaceChildren();
  for (const workload of workloads(result)) {
    const rows = result.backends.map((b) => find(result, workload, b)).filter((r) => r?.ms != null);
    const slowest = Math.max(...rows.map((r) => r.ms));
    const group = document.createElement('div');
    group.className = 'group';
    const title = document.createElement('div');
    title.className = 'title';
    title.textContent = `${workload} (ms, lower is better)`;
    group.append(title);
    for (const row of rows) {
      const line = document.createElement('div');
      line.className = 'bar-line';
      const label = document.createElement('span');
      label.className = 'label';
      label.textContent = row.backend;
      const bar = document.createElement('span');
      bar.className = 'bar';
      bar.style.width = `${Math.max(0.5, (100 * row.ms) / slowest) * 0.7}%`;
      bar.style.background = COLORS[row.backend] ?? '#444';
      const value = document.createElement('span');
      value.className = 'value';
      value.textContent = formatMs(row);
      line.append(label, bar, value);
      group.append(line);
    }
    element.append(group);
  }
}
