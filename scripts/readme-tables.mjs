// README's figure tables, written from saved benchmark runs: `node scripts/readme-tables.mjs` rewrites every
// block between `<!-- bench-table … -->` and `<!-- bench-table end -->` in README.md; `--check` only reports
// (exit 1) the blocks that differ from what their runs give. A block names its source:
//   <!-- bench-table from=bench/readme/gemm.json cases="^NN " -->   rows of a runner JSON (`npm run bench --
//       --suite gemm --save bench/readme/gemm.json`), the cases matching the regular expression (all without
//       one), as the runner's own table (bench/table.mjs), under a line saying how and where they were measured;
//   <!-- bench-table contention=bench/readme/contention.json -->   the thread tables that
//       scripts/contention-table.mjs prints from a contention run;
//   <!-- bench-table browser=bench/readme/browser.json -->   the table of `npm run bench:browser -- --save …`;
//   <!-- bench-table compiled=bench/readme/compiled.json -->   the compiled suite's steps, one row each: compiled
//       and eager on 'simd' and eager on tfjs-backend-wasm, with compiled's speed-up over both;
//   <!-- bench-table compiled-runs="a.json b.json" -->   compiled's speed-ups over eager 'simd' and over
//       tfjs-backend-wasm in several runs side by side (one column per runtime and thread count), with targets.
// Several from= sources (space-separated in one attribute) make one table of their rows.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adapterLines, markdownTable as browserTable } from '../bench/browser/render.mjs';
import { targetOf } from '../bench/compiled_targets.mjs';
import { markdownTable } from '../bench/table.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BLOCK = /(<!-- bench-table (?!end)(.*?) -->\n)([\s\S]*?)(<!-- bench-table end -->)/g;

/** The attributes of a block's opening comment: name=value or name="value with spaces". */
function attributes(text) {
  return Object.fromEntries(
    [...text.matchAll(/([\w-]+)=(?:"([^"]*)"|(\S+))/g)].map(([, k, quoted, bare]) => [k, quoted ?? bare]),
  );
}

const loadText = (run) =>
  run.loadAverage
    ? `, load average ${run.loadAverage.before[0].toFixed(1)} → ${run.loadAverage.after[0].toFixed(1)}`
    : '';

/** How a run was made, for the line above its table. */
function provenance(file, run) {
  const repeats = run.repeats > 1 ? `medians of ${run.repeats} runs` : 'one run';
  const threads = `simd on ${run.threads} thread${run.threads === 1 ? '' : 's'}`;
  return `\`${run.command ?? 'npm run bench'}\` (${run.runtime}, ${threads}, ${repeats}, ${run.date.slice(0, 10)}${loadText(run)}; rows in \`${file}\`)`;
}

function runnerTable(sources, cases, read) {
  const runs = sources.map((file) => [file, read(file)]);
  const pattern = cases == null ? null : new RegExp(cases, 'u');
  const rows = runs.flatMap(([, run]) => run.summary.filter((row) => pattern == null || pattern.test(row.case)));
  if (rows.length === 0) throw new Error(`bench-table from=${sources.join(' ')}: no case matches ${cases}`);
  const backends = [...new Set(runs.flatMap(([, run]) => run.backends))].filter((b) =>
    rows.some((r) => r.backend === b),
  );
  const measured = runs.map(([file, run]) => provenance(file, run)).join('; ');
  return `Measured by ${measured}:\n\n${markdownTable(rows, backends)}\n`;
}

function contentionTables(file) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'contention-table.mjs'), join(root, file)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`contention-table.mjs ${file}: ${result.stderr}`);
  return `Measured by \`npm run bench -- --suite contention\` (rows in \`${file}\`).\n${result.stdout}`;
}

function browserTables(file, run) {
  const how = `\`npm run bench:browser${run.quick ? ' -- --quick' : ''}\` (Chromium ${run.chromium}, headless, one thread, ${run.date.slice(0, 10)}${loadText(run)}; rows in \`${file}\`)`;
  return `Measured by ${how}:\n\n${browserTable(run)}\n\n${adapterLines(run).replace('\n', '; ')}\n`;
}

// The compiled suite's cases are "<step>, compiled" and "<step>, eager"; wasm runs the eager step.
const compiledSteps = (run) => [...new Set(run.summary.map((r) => r.case.replace(/, (compiled|eager)$/, '')))];
/** ms of one step on 'simd' compiled, on 'simd' eager, on tfjs-backend-wasm. */
const compiledMs = (run, step) => {
  const ms = (mode, backend) => run.summary.find((r) => r.case === `${step}, ${mode}` && r.backend === backend)?.ms;
  return { compiled: ms('compiled', 'simd'), eager: ms('eager', 'simd'), wasm: ms('eager', 'wasm') };
};
const speedUp = (base, value) => (base == null || value == null ? '—' : `${(base / value).toFixed(2)}×`);

/** Each step of the compiled suite as one row. */
function compiledTable(file, run) {
  const fixed = (value) => (value == null ? '—' : value.toFixed(value < 10 ? 3 : 1));
  const lines = [
    "| step | compiled, ms | eager 'simd', ms | tfjs-backend-wasm, ms | compiled × eager 'simd' | compiled × wasm |",
    '|---|---|---|---|---|---|',
  ];
  for (const step of compiledSteps(run)) {
    const { compiled, eager, wasm } = compiledMs(run, step);
    lines.push(
      `| ${step} | ${fixed(compiled)} | ${fixed(eager)} | ${fixed(wasm)} | ${speedUp(eager, compiled)} | ${speedUp(wasm, compiled)} |`,
    );
  }
  return `Measured by ${provenance(file, run)}:\n\n${lines.join('\n')}\n`;
}

/** Compiled's speed-ups in several runs, one column per run: "× eager / × wasm", the target's in bold. */
function compiledRunsTable(files, read) {
  const runs = files.map((file) => [file, read(file)]);
  const label = (run) => `${run.runtime.split(' (')[0]}, ${run.threads} thread${run.threads === 1 ? '' : 's'}`;
  const steps = [...new Set(runs.flatMap(([, run]) => compiledSteps(run)))];
  const lines = [
    `| step | target | ${runs.map(([, run]) => label(run)).join(' | ')} |`,
    `|---|---|${runs.map(() => '---').join('|')}|`,
  ];
  for (const step of steps) {
    const target = targetOf(step);
    const cells = runs.map(([, run]) => {
      const { compiled, eager, wasm } = compiledMs(run, step);
      const overEager = speedUp(eager, compiled);
      const overWasm = speedUp(wasm, compiled);
      return target?.over === 'eager' ? `**${overEager}** / ${overWasm}` : `${overEager} / **${overWasm}**`;
    });
    const goal = target == null ? '—' : `≥ ${target.at}× ${target.over === 'eager' ? "eager 'simd'" : 'wasm'}`;
    lines.push(`| ${step} | ${goal} | ${cells.join(' | ')} |`);
  }
  const measured = runs.map(([file, run]) => provenance(file, run)).join('; ');
  return `Compiled × eager 'simd' / compiled × tfjs-backend-wasm, measured by ${measured}:\n\n${lines.join('\n')}\n`;
}

/** README text with every bench-table block regenerated; `read(file)` parses a saved run. */
export function renderReadme(readme, read = (file) => JSON.parse(readFileSync(join(root, file), 'utf8'))) {
  return readme.replace(BLOCK, (_, open, spec, _old, close) => {
    const attrs = attributes(spec);
    let body;
    if (attrs.contention != null) body = contentionTables(attrs.contention);
    else if (attrs.browser != null) body = browserTables(attrs.browser, read(attrs.browser));
    else if (attrs.compiled != null) body = compiledTable(attrs.compiled, read(attrs.compiled));
    else if (attrs['compiled-runs'] != null) body = compiledRunsTable(attrs['compiled-runs'].split(/\s+/), read);
    else body = runnerTable(attrs.from.split(/\s+/), attrs.cases, read);
    return `${open}${body}${close}`;
  });
}

/** The opening comments of the blocks whose text differs from what their runs give. */
export function staleBlocks(readme, rendered) {
  /** @param {string} text @returns {[string, string][]} opening comment and body of each block */
  const blocks = (text) => [...text.matchAll(BLOCK)].map((m) => [m[1], m[3]]);
  const fresh = new Map(blocks(rendered));
  return blocks(readme)
    .filter(([open, body]) => fresh.get(open) !== body)
    .map(([open]) => open.trim());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = join(root, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const rendered = renderReadme(readme);
  if (process.argv.includes('--check')) {
    const stale = staleBlocks(readme, rendered);
    if (stale.length > 0) {
      console.error(`README tables out of date (run node scripts/readme-tables.mjs):\n${stale.join('\n')}`);
      process.exit(1);
    }
  } else if (rendered !== readme) {
    writeFileSync(path, rendered);
    console.log('README.md: tables rewritten');
  }
}
