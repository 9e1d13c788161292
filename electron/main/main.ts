// SPDX-License-Identifier: UNLICENSED
// The desktop app's entry: one instance, a sandboxed window on app://, the contract's handlers on
// IPC, and the services in this process (imports in a worker thread).
import { app, BrowserWindow, ipcMain, powerMonitor, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { eventChannelOf, type EventName, type VaultEvents } from '../../shared/api/contract.js';
import { createApp } from '../services/app/appHandlers.js';
import { electronDialogs } from './dialogs.js';
import { registerIpc } from './ipc/register.js';
import { dataLocations, PRELOAD_PATH, RENDERER_DIR } from './paths.js';
import { appProtocolHandler } from './protocol.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './security.js';
import { createMainWindow, hardenContents, hardenSession } from './window.js';

const locations = dataLocations();
if (locations.userData) app.setPath('userData', locations.userData);
// DevTools only in development; never in a packaged release.
const devTools = !app.isPackaged && process.env.VAULT_E2E !== '1';
const cliAt = process.argv.indexOf('--cli');

if (cliAt >= 0) {
  // `evidence-vault --cli COMMAND ...`: the evault CLI inside the packaged app, which has no
  // separate Node.js (the RunAsNode fuse is off). No window, no IPC.
  void import('../cli/main.js').then(async ({ run }) => app.exit(await run(process.argv.slice(cliAt + 1))));
} else {
  startDesktop();
}

function startDesktop(): void {
  // Checklist 4: every renderer sandboxed, whatever a window's options say.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let mainWindow: BrowserWindow | undefined;
  const services = createApp({ ...locations, mode: 'electron', dialogs: electronDialogs });
  services.session.emit = <E extends EventName>(event: E, payload: VaultEvents[E]) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(eventChannelOf(event), payload);
  };

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => services.session.close());

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession, devTools);
    protocol.handle(APP_SCHEME, appProtocolHandler(RENDERER_DIR));
    registerIpc(ipcMain, services.handlers, (event: IpcMainInvokeEvent) => BrowserWindow.fromWebContents(event.sender) ?? undefined, (err) => console.error(err));
    // Drop the unlocked key when the machine locks or sleeps.
    powerMonitor.on('lock-screen', () => services.session.lock('idle'));
    powerMonitor.on('suspend', () => services.session.lock('idle'));
    mainWindow = await createMainWindow(PRELOAD_PATH, devTools);
  });
}
