// SPDX-License-Identifier: UNLICENSED
// Runs the compiled test suites (dist/test/<suite>/**/*.test.js) with Node's test runner.
// Usage: node test/run.js [unit|integration|e2e ...]   (no argument: unit + integration + e2e)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
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
// spec for people on stdout; TAP to a file, from which the closing count line is taken.
const tap = join(root, 'dist', 'test', `results-${process.pid}.tap`);
const result = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
  { stdio: 'inherit', cwd: root },
);
const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
// Skipped tests are named with their reason, so a skip is never silent.
const skips = [...text.matchAll(/^\s*ok \d+ - (.*?) # SKIP (.*)$/gm)].map((m) => `  skipped: ${m[1]} — ${m[2]}`);
if (skips.length) console.log(`\n${skips.join('\n')}`);
console.log(`\ntests: ${count('pass')} passed, ${count('fail') + count('cancelled')} failed, ${count('skipped')} skipped`);
rmSync(tap, { force: true });
process.exit(result.status ?? 1);
