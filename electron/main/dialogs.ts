// SPDX-License-Identifier: UNLICENSED
// Native file dialogs, shown by main for the window that asked. The renderer never gets a file
// handle or path it did not see the user choose, and main decides what the dialog offers.
import { BrowserWindow, dialog } from 'electron';
import type { OpenPurpose, SavePurpose } from '../../shared/api/contract.js';
import type { Dialogs } from '../services/app/evidenceHandlers.js';

const OPEN_TITLES: Record<OpenPurpose, [files: string, folders: string]> = {
  import: ['Import files as evidence', 'Import folders as evidence'],
  'evidence-folder': ['Choose the evidence folder to check against the report', 'Choose the evidence folder to check against the report'],
};
const SAVE_TITLES: Record<SavePurpose, string> = {
  export: 'Export a copy',
  report: 'Save the signed report (its .sig is written beside it)',
  'public-key': 'Save the public key (PEM)',
  csr: 'Save the certificate request',
  disclosure: 'Choose an empty folder for the disclosure package',
  manifest: 'Save the manifest',
};

function windowOf(host: unknown): BrowserWindow | undefined {
  return host instanceof BrowserWindow ? host : undefined;
}

export const electronDialogs: Dialogs = {
  async pickImportPaths(ctx, folders, purpose) {
    const win = windowOf(ctx.host);
    // Checking a report takes one folder; importing takes several files or folders.
    const multi = purpose === 'import' ? (['multiSelections'] as const) : [];
    const options = { title: OPEN_TITLES[purpose][folders ? 1 : 0], properties: [folders ? 'openDirectory' : 'openFile', ...multi] as ('openFile' | 'openDirectory' | 'multiSelections')[] };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  },
  async pickSavePath(ctx, suggestedName, folder, purpose) {
    const win = windowOf(ctx.host);
    if (folder) {
      const options = { title: purpose === 'disclosure' ? SAVE_TITLES.disclosure : 'Choose an empty folder', properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    }
    const options = { title: SAVE_TITLES[purpose], defaultPath: suggestedName };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled ? null : (result.filePath ?? null);
  },
};
