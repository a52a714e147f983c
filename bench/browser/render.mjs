// The page's table (one row per workload, one column per backend, ratios of 'simd' to each peer) and bar chart
// (per workload, each backend's time as a bar, lower is better), from the result bench/browser/page.mjs makes.
// A backend that did not run a workload shows why in its cell and beside its (empty) bar.
import { describeAdapter, describeRenderer } from './adapters.mjs';

const COLORS = { simd: '#1b7f3b', wasm: '#3d6fd1', webgl: '#d18a1f', webgpu: '#8e44ad', cpu: '#8a8a8a' };

const find = (result, workload, backend) => result.rows.find((r) => r.workload === workload && r.backend === backend);
const workloads = (result) => [...new Set(result.rows.map((r) => r.workload))];
const peers = (result) => result.backends.filter((b) => b !== 'simd');

export function formatMs(row) {
  if (row == null) return '—';
  if (row.notRun) return `not run: ${row.notRun}`;
  if (row.error) return `error: ${row.error}`;
  const ms = `${row.ms.toFixed(row.ms < 1 ? 3 : row.ms < 10 ? 2 : 1)} ms`;
  return row.gflops != null && row.ms > 0.5 ? `${ms} (${row.gflops.toFixed(1)} GFLOPS)` : ms;
}

/** The table as markdown: the same text the page shows and bench/browser/run.mjs prints. */
export function markdownTable(result) {
  const ratioTo = (row, base) => (row?.ms && base?.ms ? `${(base.ms / row.ms).toFixed(2)}×` : '—');
  const header = ['workload', ...result.backends, ...peers(result).map((b) => `simd ×${b}`)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const workload of workloads(result)) {
    const cells = result.backends.map((b) => formatMs(find(result, workload, b)));
    const simd = find(result, workload, 'simd');
    const ratios = peers(result).map((b) => ratioTo(simd, find(result, workload, b)));
    lines.push(`| ${[workload, ...cells, ...ratios].join(' | ')} |`);
  }
  return lines.join('\n');
}

/** What the GPU backends ran on, one line each. */
export function adapterLines(result) {
  return `WebGL renderer: ${describeRenderer(result.renderer)}\nWebGPU adapter: ${describeAdapter(result.webgpu)}`;
}

export function renderTable(element, result) {
  element.textContent = `${markdownTable(result)}\n\n${adapterLines(result)}\nsimd build: ${result.simdBuild}`;
}

function barLine(row, slowest) {
  const line = document.createElement('div');
  line.className = 'bar-line';
  const label = document.createElement('span');
  label.className = 'label';
  label.textContent = row.backend;
  const bar = document.createElement('span');
  bar.className = 'bar';
  bar.style.width = row.ms != null ? `${Math.max(0.5, (100 * row.ms) / slowest) * 0.7}%` : '0';
  bar.style.background = COLORS[row.backend] ?? '#444';
  const value = document.createElement('span');
  value.className = row.ms != null ? 'value' : 'value missing';
  value.textContent = formatMs(row);
  line.append(label, bar, value);
  return line;
}

export function renderBarChart(element, result) {
  element.replaceChildren();
  for (const workload of workloads(result)) {
    const rows = result.backends.map((b) => find(result, workload, b)).filter((r) => r != null);
    const slowest = Math.max(...rows.filter((r) => r.ms != null).map((r) => r.ms));
    const group = document.createElement('div');
    group.className = 'group';
    const title = document.createElement('div');
    title.className = 'title';
    title.textContent = `${workload} (ms, lower is better)`;
    group.append(title, ...rows.map((row) => barLine(row, slowest)));
    element.append(group);
  }
}
