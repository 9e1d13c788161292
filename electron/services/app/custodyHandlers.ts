// SPDX-License-Identifier: UNLICENSED
// Custody: the case's events, verify-vault as a per-check report, checkpoints; record proofs and
// disclosure packages, and their pure verification.
import type { Handlers } from '../../../shared/api/contract.js';
import { EvaultError } from '../../../shared/errors.js';
import { ed25519PublicKeyFromPem } from '../../../shared/crypto/keyFingerprint.js';
import { utf8 } from '../../../shared/encoding.js';
import { parsePackage, verifyRecordProof } from '../../../shared/proofs/recordProof.js';
import { createNodeVerify } from '../keys/nodeEd25519.js';
import { requireCase } from '../vault/cases.js';
import { issueCheckpoint } from '../vault/custodyLog.js';
import { requireEvidence } from '../vault/evidenceActions.js';
import { logEvents } from '../vault/queries/events.js';
import { getLogMeta } from '../vault/queries/logRecords.js';
import { disclose, parseSelection } from '../vault/recordProofs.js';
import { verifyVault } from '../vault/verifyVault.js';
import { join } from 'node:path';
import type { AppSession } from './session.js';
import { groupVerification } from './verifyChecks.js';
import { eventView, examinerNames } from './views.js';

export function custodyHandlers(session: AppSession): Pick<Handlers, 'custodyEvents' | 'verifyVault' | 'issueCheckpoint' | 'verifyProof' | 'disclose'> {
  return {
    async custodyEvents(_ctx, input) {
      const { vault } = session.require();
      const names = examinerNames(vault);
      return logEvents(vault.db, requireCase(vault, input.caseId).id).map((r) => eventView(r, names));
    },
    async verifyVault(_ctx, input) {
      const { vault } = session.require();
      const externalCheckpoints = (input.checkpoints ?? []).map((note, i) => ({ note, source: `checkpoint ${i + 1} given to verify` }));
      return groupVerification(await verifyVault(vault.dir, { externalCheckpoints }));
    },
    async issueCheckpoint(_ctx, input) {
      return session.exclusive(() => {
        const { vault, signer } = session.require();
        return issueCheckpoint(vault.db, signer, vault.id, requireCase(vault, input.caseId).id);
      });
    },
    async verifyProof(_ctx, input) {
      let trusted: Uint8Array | undefined;
      if (input.trustedKeyPem) {
        try {
          trusted = ed25519PublicKeyFromPem(input.trustedKeyPem);
        } catch (cause) {
          throw new EvaultError('BAD_INPUT', `the trusted key is not an Ed25519 public key in PEM form: ${(cause as Error).message}`, { cause });
        }
      }
      return verifyRecordProof(parsePackage(utf8(input.packageText)), createNodeVerify(), trusted);
    },
    async disclose(_ctx, input) {
      return session.exclusive(async () => {
        const { vault, signer } = session.require();
        const c = requireCase(vault, input.caseId);
        const evidence = requireEvidence(vault, c.id, input.evidenceId);
        const size = getLogMeta(vault.db, evidence.id)?.records ?? 0;
        const r = await disclose(vault, signer, evidence, parseSelection(input.records, size), { redact: input.redact, out: input.out, note: input.note });
        return { ...r, packagePath: join(r.dir, 'disclosure.json') };
      });
    },
  };
}
