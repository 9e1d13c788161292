// SPDX-License-Identifier: UNLICENSED
import { EvaultError } from '../../../shared/errors.js';
import { startBrowserUi } from '../../bridge/run.js';
import { intArg, stringOpt } from '../args.js';
import type { Command } from '../command.js';

export const uiCommand: Command = {
  name: 'ui',
  usage: 'evault ui --browser [--port N]',
  summary: 'serve the desktop UI to a browser on 127.0.0.1 (token-protected, until Ctrl-C); the desktop app itself is "npm start"',
  options: { browser: { type: 'boolean' }, port: { type: 'string' } },
  async run(ctx, { values }) {
    if (values.browser !== true) throw new EvaultError('USAGE', 'the desktop app starts with "npm start" (it needs Electron); "evault ui --browser" serves the same UI to a local browser');
    const port = values.port === undefined ? 0 : intArg(stringOpt(values, 'port'), '--port');
    if (port > 65535) throw new EvaultError('USAGE', '--port must be at most 65535');
    const ui = await startBrowserUi({ vaultDir: ctx.vaultDir, keystoreDir: ctx.keystore.dir, port, onUnexpected: (err) => ctx.err(`unexpected failure: ${(err as Error)?.stack ?? String(err)}`) });
    ctx.out(ctx.options.json ? JSON.stringify({ url: ui.bridge.url }) : `Evidence Vault UI for this browser session (keep the address private, it carries the access token):\n${ui.bridge.url}\nVault: ${ctx.vaultDir}\nPress Ctrl-C to stop.`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await ui.close();
    ctx.err('Stopped; the address no longer works.');
  },
};
