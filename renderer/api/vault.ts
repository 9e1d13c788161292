// SPDX-License-Identifier: UNLICENSED
// The one API instance the screens use: the preload's window.vault in the desktop app, or the
// bridge client when the page is served by `evault ui --browser`.
import type { WireApi } from '../../shared/api/contract.js';
import { createBridgeWire } from './bridgeClient.js';
import { createClient, type Api } from './client.js';

declare global {
  interface Window {
    vault?: WireApi;
  }
}

export const api: Api = createClient(window.vault ?? createBridgeWire());
