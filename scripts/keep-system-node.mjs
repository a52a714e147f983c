// The Node 22 and 24 binaries the runtime tests use come from npm (devDependencies node22, node24), and npm
// links each one's `node` into node_modules/.bin, which npm puts first on the PATH of every script: `npm test`
// would silently run on Node 22 instead of the Node that runs npm. Removes that link after `npm install` and `npm ci`;
// the tests start those binaries by their paths (node_modules/node22/bin/node). Runs as `prepare` (local
// installs only: a published package's install scripts would run on its users' machines).
import { lstatSync, readlinkSync, rmSync } from 'node:fs';

const link = 'node_modules/.bin/node';
try {
  if (lstatSync(link).isSymbolicLink() && /node2\d/.test(readlinkSync(link))) rmSync(link);
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}
