// SPDX-License-Identifier: UNLICENSED
// Native file dialogs, shown by main for the window that asked. The renderer never gets a file
// handle or path it did not see the user choose, and main decides what the dialog offers.
import { BrowserWindow, dialog } from 'electron';
import type { Dialogs } from '../services/app/evidenceHandlers.js';

function windowOf(host: unknown): BrowserWindow | undefined {
  return host instanceof BrowserWindow ? host : undefined;
}

export const electronDialogs: Dialogs = {
  async pickImportPaths(ctx, folders) {
    const win = windowOf(ctx.host);
    const options = { title: folders ? 'Import folders as evidence' : 'Import files as evidence', properties: [folders ? 'openDirectory' : 'openFile', 'multiSelections'] as ('openFile' | 'openDirectory' | 'multiSelections')[] };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  },
  async pickSavePath(ctx, suggestedName, folder) {
    const win = windowOf(ctx.host);
    if (folder) {
      const options = { title: 'Choose an empty folder', properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    }
    const options = { title: 'Export a copy', defaultPath: suggestedName };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled ? null : (result.filePath ?? null);
  },
};
