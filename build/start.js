// SPDX-License-Identifier: UNLICENSED
// `npm start`: runs the built app in Electron, or says clearly why it cannot.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectron } from './electronBinary.js';

const found = findElectron();
if ('missing' in found) {
  console.error(`npm start needs Electron: ${found.missing}.`);
  console.error('Install it where its binary can be downloaded ("npm install" with network access), or use the same UI in a browser:');
  console.error('  npx evault ui --browser');
  process.exit(1);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const child = spawn(found.path, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
