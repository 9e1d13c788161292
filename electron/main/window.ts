// SPDX-License-Identifier: UNLICENSED
// The main window and the rules every web contents lives under: no navigation, no new windows, no
// <webview>, no permissions, no requests outside app://.
import { BrowserWindow, type Session, type WebContents } from 'electron';
import { APP_ENTRY, isAllowedRequest, windowOptions } from './security.js';

/** Checklist 13, 14, 15: deny navigation, new windows and webviews for every web contents. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Checklist 5, 7 and "no network": deny every permission; cancel every request outside app://. */
export function hardenSession(session: Session, devTools: boolean): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, devTools) }));
}

export async function createMainWindow(preloadPath: string, devTools: boolean): Promise<BrowserWindow> {
  const win = new BrowserWindow(windowOptions(preloadPath, { devTools }));
  win.once('ready-to-show', () => win.show());
  await win.loadURL(APP_ENTRY);
  return win;
}
