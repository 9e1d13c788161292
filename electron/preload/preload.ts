// SPDX-License-Identifier: UNLICENSED
// The sandboxed preload: exposes exactly one object, window.vault, generated from the contract.
// Each method forwards its arguments to ipcRenderer.invoke('vault:<name>'); main validates them.
// Event listeners receive only the payload (never the IPC event, which would reach ipcRenderer)
// and get back an unsubscribe function. ipcRenderer itself is never exposed. One local helper,
// pathForFile, turns a dropped File into its path (webUtils) for drag-and-drop import.
// Built by esbuild into one CommonJS file (build/preload.js): sandboxed preloads cannot load modules.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, METHOD_NAMES, channelOf, eventChannelOf, type EventName, type WireApi } from '../../shared/api/contract.js';

function buildApi(): WireApi {
  const api: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) {
    api[name] = (...args: unknown[]) => ipcRenderer.invoke(channelOf(name), ...args);
  }
  // Drag-and-drop import: the dropped File's real path, read here so the page never gets webUtils.
  api.pathForFile = (file: unknown): string | null => {
    try {
      return webUtils.getPathForFile(file) || null;
    } catch {
      return null;
    }
  };
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event) || typeof listener !== 'function') throw new TypeError(`unknown event ${String(event)}`);
    const channel = eventChannelOf(event);
    const forward = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  };
  return Object.freeze(api) as unknown as WireApi;
}

contextBridge.exposeInMainWorld('vault', buildApi());
