#!/usr/bin/env node
// SPDX-License-Identifier: UNLICENSED
// The `evault` command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs).
import { existsSync } from 'node:fs';

const main = new URL('../../dist/electron/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('evault: the CLI is not built yet; run "npm run build" (npm ci does it) and try again');
  process.exit(3);
}
// A reader that stops early (`evault findings CASE --json | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
