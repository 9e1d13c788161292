// SPDX-License-Identifier: UNLICENSED
// Reads a recorded fixture from test/fixtures/. Compiled tests run from dist/test/unit/…, so walk up
// from this file until a directory holds test/fixtures/<name> rather than hard-coding a depth.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function fixturePath(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'test', 'fixtures', name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`fixture ${name} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export function loadJsonFixture<T>(name: string): T {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as T;
}
