// SPDX-License-Identifier: UNLICENSED
// The built renderer (dist/renderer), served read-only. Only files under the root, by an allow-list
// of types; anything else is 404. Used by the bridge; the Electron app:// handler uses the same
// resolution (electron/main/protocol.ts).
import { promises as fs } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

export const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Maps a URL path to a file under root, or undefined if it escapes root or has a type we do not serve. */
export function resolveAsset(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = normalize(join(root, relative));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  if (!(extname(full) in MIME)) return undefined;
  return full;
}

export async function readAsset(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | undefined> {
  const file = resolveAsset(root, urlPath);
  if (!file) return undefined;
  try {
    return { body: await fs.readFile(file), type: MIME[extname(file)]! };
  } catch {
    return undefined;
  }
}
