// SPDX-License-Identifier: UNLICENSED
// Evidence: list, import (worker thread, progress, cancel), re-hash, export, and the host's file
// dialogs (Electron only; the browser bridge asks for paths as text).
import { EvaultError } from '../../../shared/errors.js';
import type { CallContext, Handlers, OpenPurpose, SavePurpose } from '../../../shared/api/contract.js';
import { exportEvidence, verifyEvidence } from '../vault/evidenceActions.js';
import { requireCase } from '../vault/cases.js';
import type { ImportRunner } from './importRunner.js';
import type { AppSession } from './session.js';
import { evidenceItems } from './views.js';

/** Native dialogs, provided by the Electron main process. */
export interface Dialogs {
  pickImportPaths(ctx: CallContext, folders: boolean, purpose: OpenPurpose): Promise<string[]>;
  pickSavePath(ctx: CallContext, suggestedName: string, folder: boolean, purpose: SavePurpose): Promise<string | null>;
}

const noDialogs: Dialogs = {
  async pickImportPaths() {
    throw new EvaultError('USAGE', 'file dialogs are not available in the browser; type the path instead');
  },
  async pickSavePath() {
    throw new EvaultError('USAGE', 'file dialogs are not available in the browser; type the path instead');
  },
};

export function evidenceHandlers(session: AppSession, imports: ImportRunner, dialogs: Dialogs = noDialogs): Pick<Handlers, 'listEvidence' | 'importEvidence' | 'cancelImport' | 'verifyEvidence' | 'exportEvidence' | 'pickImportPaths' | 'pickSavePath'> {
  return {
    async listEvidence(_ctx, input) {
      const { vault } = session.require();
      return evidenceItems(vault, requireCase(vault, input.caseId).id);
    },
    async importEvidence(_ctx, input) {
      return imports.run(input);
    },
    async cancelImport(_ctx, input) {
      return imports.cancel(input.importId);
    },
    async verifyEvidence(_ctx, input) {
      return session.exclusive(() => {
        const { vault, signer } = session.require();
        return verifyEvidence(vault, signer, input.caseId, input.evidenceIds ?? []);
      });
    },
    async exportEvidence(_ctx, input) {
      return session.exclusive(() => {
        const { vault, signer } = session.require();
        return exportEvidence(vault, signer, input.caseId, input.evidenceId, input.destination);
      });
    },
    async pickImportPaths(ctx, input) {
      return dialogs.pickImportPaths(ctx, input.folders === true, input.purpose ?? 'import');
    },
    async pickSavePath(ctx, input) {
      return dialogs.pickSavePath(ctx, input.suggestedName, input.folder === true, input.purpose ?? 'export');
    },
  };
}
