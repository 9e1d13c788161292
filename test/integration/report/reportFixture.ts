// SPDX-License-Identifier: UNLICENSED
// A vault with a case holding a real AI-system log (../shared/corpus, with findings and PII) and a
// small binary file, a note and a re-verification — and helpers to build reports from it, also
// tampered ones, signed with the real keys.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { importEvidence } from '../../../electron/services/ingest/importer.js';
import { createNodeVerify } from '../../../electron/services/keys/nodeEd25519.js';
import type { Signer } from '../../../electron/services/keys/signer.js';
import { reportAttachments, type ReportAttachment } from '../../../electron/services/report/attachments.js';
import { CertificateStore } from '../../../electron/services/report/certStore.js';
import { generateReport, prepareReport, type GeneratedReport } from '../../../electron/services/report/generate.js';
import { SECTIONS, type ReportModel, type ReportOptions } from '../../../electron/services/report/model.js';
import { renderReportPdf } from '../../../electron/services/report/render/document.js';
import { fillByteRange } from '../../../electron/services/report/signPdf.js';
import { signRanges } from '../../../electron/services/report/signReport.js';
import { addNote } from '../../../electron/services/vault/cases.js';
import { verifyEvidence } from '../../../electron/services/vault/evidenceActions.js';
import { webCryptoEcdsaVerify } from '../../../shared/report/ecdsa.js';
import { verifyReport } from '../../../shared/report/verifyReport.js';
import type { ReportVerification, VerifyInput } from '../../../shared/report/verify/types.js';
import { corpusDir } from '../../helpers/repoRoot.js';
import { vaultFixture, type VaultFixture } from '../../helpers/vaultFixture.js';

export const OPTIONS: ReportOptions = { sections: [...SECTIONS], reveal: false, organisation: 'Example Forensics Ltd', classification: null };
export const NOW = new Date('2026-11-23T10:00:00Z');

export interface ReportFixture extends VaultFixture {
  evidenceDir: string;
  certificates: CertificateStore;
  report(name: string, options?: Partial<ReportOptions>, caseRef?: string, signer?: Signer): Promise<GeneratedReport>;
}

export async function reportFixture(): Promise<ReportFixture> {
  const f = await vaultFixture();
  const evidenceDir = join(f.root, 'evidence');
  mkdirSync(evidenceDir);
  writeFileSync(join(evidenceDir, 'model-card.bin'), Buffer.from('pretend model weights \u0000\u0001\u0002 for the report tests'));
  spawnSync('cp', [join(corpusDir(), 'logs', 'ai', 'support_chatbot.csv'), join(evidenceDir, 'support_chatbot.csv')]);
  await importEvidence(f.vault, f.signer, f.theCase.id, [evidenceDir]);
  addNote(f.vault, f.signer, f.theCase.id, 'Exports received on a write-blocked drive from the operator & counsel <legal@example.com>.');
  await verifyEvidence(f.vault, f.signer, f.theCase.id);
  const certificates = new CertificateStore(f.keystore.dir);
  return {
    ...f,
    evidenceDir,
    certificates,
    report: (name, options = {}, caseRef = f.theCase.id, signer = f.signer) => generateReport(f.vault, signer, { caseRef, out: join(f.root, name), options: { ...OPTIONS, ...options }, certificates, now: NOW }),
  };
}

/** Builds and signs a report from a model, letting the test change the attachments first. */
export async function assemble(model: ReportModel, signer: Signer, edit: (attachments: ReportAttachment[], model: ReportModel) => ReportAttachment[] = (a) => a): Promise<Uint8Array> {
  const { attachments } = reportAttachments(model, (m) => signer.sign(m));
  const pdf = await renderReportPdf(model, edit(attachments, model));
  signRanges(pdf, fillByteRange(pdf), signer.companion!, model.certificates);
  return pdf;
}

export async function model(f: ReportFixture, caseRef = f.theCase.id, signer = f.signer): Promise<ReportModel> {
  return prepareReport(f.vault, signer, { caseRef, options: OPTIONS, certificates: f.certificates, now: NOW });
}

export function nodeDeps() {
  return {
    ed25519Verify: createNodeVerify(),
    ecdsaVerify: webCryptoEcdsaVerify,
    sha256: (parts: readonly Uint8Array[]) => {
      const h = createHash('sha256');
      for (const p of parts) h.update(p);
      return new Uint8Array(h.digest());
    },
  };
}

export function check(input: VerifyInput): Promise<ReportVerification> {
  return verifyReport(input, nodeDeps());
}

export function failures(r: ReportVerification): string[] {
  return r.steps.filter((s) => s.status === 'failed').map((s) => `${s.id}: ${s.checks.filter((c) => !c.ok).map((c) => `${c.name}${c.expected !== undefined ? ` (expected ${c.expected}, found ${c.found})` : ''} ${c.detail ?? ''}`).join('; ')}`);
}
