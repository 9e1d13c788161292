// SPDX-License-Identifier: UNLICENSED
// The real services behind the loopback bridge, on a fresh temporary vault and keystore.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserUi } from '../../electron/bridge/run.js';
import type { MethodName, Result } from '../../shared/api/contract.js';

export interface Harness {
  root: string;
  url: string;
  origin: string;
  token: string;
  vaultDir: string;
  keystoreDir: string;
  /** Calls the contract over HTTP as any client would (Bearer token instead of the cookie). */
  call<T>(method: MethodName, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const root = mkdtempSync(join(tmpdir(), 'evault-e2e-'));
  const vaultDir = join(root, 'vault');
  const keystoreDir = join(root, 'keys');
  const ui = await startBrowserUi({ vaultDir, keystoreDir, onUnexpected: (err) => console.error('bridge:', err) });
  return {
    root,
    url: ui.bridge.url,
    origin: ui.bridge.origin,
    token: ui.bridge.token,
    vaultDir,
    keystoreDir,
    async call<T>(method: MethodName, input?: unknown): Promise<T> {
      const response = await fetch(`${ui.bridge.origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ui.bridge.token}` }, body: JSON.stringify(input === undefined ? [] : [input]) });
      const result = (await response.json()) as Result<T>;
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    async close() {
      await ui.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
