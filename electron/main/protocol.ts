// SPDX-License-Identifier: UNLICENSED
// The app:// protocol handler: serves the built renderer (dist/renderer) with the CSP and the other
// UI headers on every response. Only GET of files under the root, only our host; the rest is 404.
// Pure over the Fetch API's Request/Response, so it is unit-tested without Electron.
import { UI_RESPONSE_HEADERS } from '../../shared/api/csp.js';
import { readAsset } from '../bridge/staticFiles.js';
import { APP_HOST } from './security.js';

export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const headers = { ...UI_RESPONSE_HEADERS };
    if (request.method !== 'GET' || url.host !== APP_HOST) return new Response('not found', { status: 404, headers });
    const asset = await readAsset(rendererDir, url.pathname);
    if (!asset) return new Response('not found', { status: 404, headers });
    return new Response(new Uint8Array(asset.body), { status: 200, headers: { ...headers, 'Content-Type': asset.type } });
  };
}
