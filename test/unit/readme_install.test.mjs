// @ts-check
// README's Install table is the one test/consumer/report.mjs renders from the saved measurements
// (test/consumer/results.json, written by `npm run test:consumer -- --save`).

import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { INSTALL_TABLE_END, INSTALL_TABLE_START, installTable } from '../consumer/report.mjs';

test("README's Install table is rendered from test/consumer/results.json", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const results = JSON.parse(readFileSync(new URL('../consumer/results.json', import.meta.url), 'utf8'));
  const start = readme.indexOf(INSTALL_TABLE_START);
  const end = readme.indexOf(INSTALL_TABLE_END);
  assert.ok(start >= 0 && end > start, 'README has the Install table markers');
  assert.is(readme.slice(start + INSTALL_TABLE_START.length, end).trim(), installTable(results).trim());
  // The targets the table stands for: the package alone under 5 MB installed, a page no heavier than
  // tfjs-backend-wasm's.
  assert.ok(results.installedBytes <= 5e6, `installed ${results.installedBytes} bytes`);
  const baseline = results.pages['tfjs-backend-wasm (esbuild)'].plain.totalGzip;
  for (const bundler of ['esbuild', 'vite', 'webpack']) {
    assert.ok(
      results.pages[bundler].plain.totalGzip <= baseline,
      `${bundler}: ${results.pages[bundler].plain.totalGzip} > ${baseline}`,
    );
  }
});

test.run();
