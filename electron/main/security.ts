// SPDX-License-Identifier: UNLICENSED
// The shell's security settings as plain data and predicates, so they can be unit-tested without
// Electron (test/unit/electron/main/). Each maps to an item of Electron's security checklist
// (docs/SECURITY.md).
import type { BrowserWindowConstructorOptions } from 'electron';

/** The UI is served from app://vault/ (a privileged, standard, secure custom scheme), never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'vault';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    // Node's URL gives origin "null" for non-special schemes, so compare protocol and host.
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Requests the session lets through: our app:// origin, plus data: and blob: URLs (no network;
 * the CSP allows them for images) and devtools: only when DevTools are enabled. Everything else —
 * http(s), ws(s), file:, ftp: — is cancelled: the app never touches the network.
 */
export function isAllowedRequest(url: string, devTools = false): boolean {
  if (isAppUrl(url)) return true;
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  if (scheme === 'data:' || scheme === 'blob:') return true;
  return devTools && scheme === 'devtools:';
}

export function windowOptions(preloadPath: string, o: { devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 620,
    show: false,
    title: 'Evidence Vault',
    backgroundColor: '#101418',
    webPreferences: {
      preload: preloadPath,
      // Checklist 3 and 4: isolate the preload's world and sandbox the renderer process.
      contextIsolation: true,
      sandbox: true,
      // Checklist 2: no Node.js in any renderer, worker or frame.
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // Checklist 6, 8, 9, 12: same-origin policy on, no mixed content, no experimental features, no <webview>.
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: o.devTools,
    },
  };
}

/** What IPC needs to know about the frame that sent a message (a subset of Electron's WebFrameMain). */
export interface FrameLike {
  url: string;
  parent: unknown;
}

/** Checklist 17: only our own page's main frame may call the services. */
export function isTrustedSender(senderFrame: FrameLike | null | undefined, mainFrame: unknown): boolean {
  if (!senderFrame) return false;
  if (senderFrame !== mainFrame || senderFrame.parent !== null) return false;
  return isAppUrl(senderFrame.url);
}
