// SPDX-License-Identifier: UNLICENSED
// The sandboxed preload: exposes exactly one object, window.vault, generated from the contract.
// Each method forwards its arguments to ipcRenderer.invoke('vault:<name>'); main validates them.
// Event listeners receive only the payload (never the IPC event, which would reach ipcRenderer)
// and get back an unsubscribe function. ipcRenderer itself is never exposed.
// Built by esbuild into one CommonJS file (build/preload.js): sandboxed preloads cannot load modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, METHOD_NAMES, channelOf, eventChannelOf, type EventName, type WireApi } from '../../shared/api/contract.js';

function buildApi(): WireApi {
  const api: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) {
    api[name] = (...args: unknown[]) => ipcRenderer.invoke(channelOf(name), ...args);
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event) || typeof listener !== 'function') throw new TypeError(`unknown event ${String(event)}`);
    const channel = eventChannelOf(event);
    const forward = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  };
  return Object.freeze(api) as WireApi;
}

contextBridge.exposeInMainWorld('vault', buildApi());
