// SPDX-License-Identifier: UNLICENSED
// Debian's Chromium driven by playwright-core (which downloads no browser of its own). Where it is
// missing, tests are skipped with the reason rather than failing — except on CI (CI=true), where
// .ci/run installs Chromium and builds the UI, so a missing one is an error, never a quiet skip.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from '../helpers/repoRoot.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function skipOutsideCi(reason: string | false): string | false {
  if (reason && process.env.CI === 'true') throw new Error(`CI must run the browser tests, but ${reason}`);
  return reason;
}

export function chromiumMissing(): string | false {
  return skipOutsideCi(existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH} (install Debian's "chromium" package or set CHROMIUM_PATH)`);
}

export function rendererMissing(): string | false {
  return skipOutsideCi(existsSync(join(repoRoot(), 'dist', 'renderer', 'index.html')) ? false : 'the UI is not built: run "npm run build" (or "npm run build:renderer") first');
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** test-results/<suite>/ (gitignored): screenshots are test artifacts. */
export function resultsDir(suite: string): string {
  const dir = join(repoRoot(), 'test-results', suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}
