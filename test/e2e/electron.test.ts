// SPDX-License-Identifier: UNLICENSED
// The desktop app itself through Playwright's _electron.launch, wherever an Electron binary exists
// (skipped, with the reason, where it does not — as on CI machines that cannot download it). It
// starts the built main process on a fresh temporary user-data folder, walks first run → case, and
// checks the shell from inside the page: no require, no process, no ipcRenderer; only window.vault.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { _electron } from 'playwright-core';
import { repoRoot } from '../helpers/repoRoot.js';
import { rendererMissing, resultsDir } from './chromium.js';

function electronBinary(): string | { reason: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return path;
    return { reason: `the Electron binary ${String(path)} does not exist` };
  } catch (err) {
    return { reason: `no Electron binary here: the optional dependency "electron" is not installed (${(err as Error).message.split('\n')[0]})` };
  }
}

const binary = electronBinary();
const skip = typeof binary === 'string' ? rendererMissing() : binary.reason;

test('desktop app: sandboxed window on app://, first run and a case through IPC', { skip, timeout: 180_000 }, async () => {
  const userData = mkdtempSync(join(tmpdir(), 'evault-electron-e2e-'));
  const app = await _electron.launch({
    executablePath: binary as string,
    args: [join(repoRoot(), 'dist', 'electron', 'main', 'main.js')],
    env: { ...process.env, VAULT_E2E: '1', VAULT_USER_DATA: userData },
    timeout: 60_000,
  });
  try {
    const page = await app.firstWindow();
    assert.match(page.url(), /^app:\/\/vault\//);
    const globals = await page.evaluate(() => {
      const g = globalThis as unknown as { require?: unknown; process?: unknown; ipcRenderer?: unknown; vault?: Record<string, unknown> };
      return { require: typeof g.require, process: typeof g.process, ipcRenderer: typeof g.ipcRenderer, vault: Object.keys(g.vault ?? {}).length };
    });
    assert.deepEqual({ ...globals, vault: globals.vault > 20 }, { require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', vault: true });
    // The network is blocked for the page: a fetch outside app:// fails.
    const fetched = await page.evaluate(async () => fetch('https://example.com/').then(() => 'reached', () => 'blocked'));
    assert.equal(fetched, 'blocked');
    await page.getByLabel('Full name').fill('Ana Examiner');
    await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple 42');
    await page.getByLabel('Repeat passphrase').fill('correct horse battery staple 42');
    await page.getByRole('button', { name: 'Create identity' }).click();
    await page.getByRole('heading', { name: 'Your examiner identity is ready' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /continue/ }).click();
    await page.getByRole('button', { name: 'New case' }).click();
    await page.getByLabel('Case number').fill('E-1');
    await page.getByLabel('Title').fill('Electron smoke');
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByRole('tab', { name: 'Overview' }).waitFor();
    await page.screenshot({ path: join(resultsDir('electron'), '01-case.png') });
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
