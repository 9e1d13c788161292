// SPDX-License-Identifier: UNLICENSED
// Starts the services and the loopback bridge together (used by `evault ui --browser` and the
// browser end-to-end tests).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EvaultError } from '../../shared/errors.js';
import { createApp, type App } from '../services/app/appHandlers.js';
import { startBridge, type Bridge } from './server.js';

/** dist/renderer, built by `npm run build:renderer`, found from this compiled file (dist/electron/bridge/). */
export function defaultRendererDir(): string {
  return fileURLToPath(new URL('../../renderer/', import.meta.url));
}

export async function startBrowserUi(o: { vaultDir: string; keystoreDir: string; port?: number; rendererDir?: string; idleLockMinutes?: number; onUnexpected?: (err: unknown) => void }): Promise<{ app: App; bridge: Bridge; close(): Promise<void> }> {
  const rendererDir = o.rendererDir ?? defaultRendererDir();
  if (!existsSync(`${rendererDir}/index.html`)) throw new EvaultError('NOT_FOUND', `the UI is not built (${rendererDir}index.html is missing); run "npm run build:renderer"`);
  const app = createApp({ vaultDir: o.vaultDir, keystoreDir: o.keystoreDir, mode: 'browser', idleLockMinutes: o.idleLockMinutes });
  const bridge = await startBridge({ handlers: app.handlers, rendererDir, port: o.port, onUnexpected: o.onUnexpected });
  app.session.emit = (event, payload) => bridge.emit(event, payload);
  return {
    app,
    bridge,
    async close() {
      await bridge.close();
      app.session.close();
    },
  };
}
