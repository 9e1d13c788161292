// SPDX-License-Identifier: UNLICENSED
// Runs the compiled test suites (dist/test/<suite>/**/*.test.js) with Node's test runner.
// Usage: node test/run.js [unit|integration|e2e ...]   (no argument: unit + integration + e2e)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const suites = process.argv.slice(2).length ? process.argv.slice(2) : ['unit', 'integration', 'e2e'];

function collect(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return collect(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const files = suites.flatMap((s) => collect(join(root, 'dist', 'test', s))).sort();
if (files.length === 0) {
  console.error(`no compiled tests found for ${suites.join(', ')}: run "npm run pretest" first`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(result.status ?? 1);
