// SPDX-License-Identifier: UNLICENSED
// Reports from the UI: issue a signed report (the passphrase is checked again against the key file
// here, in main, and dropped; the report is gathered, rendered and written in a worker thread that
// asks main for every signature: reportRunner.ts), cancel one, read the written PDF's outline back
// for the preview, and hash an evidence folder for the Verify screen (which needs no vault).
import { promises as fs } from 'node:fs';
import type { Handlers } from '../../../shared/api/contract.js';
import { EvaultError } from '../../../shared/errors.js';
import { readPdfOutline } from '../../../shared/report/pdfOutline.js';
import { readFirstPagesText } from '../../../shared/report/pdfText.js';
import { SECTIONS } from '../report/model.js';
import { hashFolder } from '../report/verifyFile.js';
import type { ReportRunner } from './reportRunner.js';
import type { AppSession } from './session.js';

export function reportHandlers(session: AppSession, reports: ReportRunner): Pick<Handlers, 'issueReport' | 'cancelReport' | 'hashEvidenceFolder'> {
  return {
    async issueReport(_ctx, input) {
      const { report: r, phasesMs, elapsedMs } = await reports.run({
        caseId: input.caseId,
        out: input.out,
        // Always in the report's own order, so the same set gives the same report.
        options: { sections: SECTIONS.filter((s) => input.sections.includes(s)), reveal: input.reveal, organisation: input.organisation?.trim() || null, classification: input.classification?.trim() || null, ...(input.reportType ? { reportType: input.reportType } : {}), ...(input.cite?.length ? { cite: input.cite.map((c) => ({ evidence: c.evidenceId, index: c.record })) } : {}) },
        // Confirms that the person at the keyboard holds the passphrase; the second Signer is
        // discarded at once (a wrong passphrase throws WRONG_PASSPHRASE before anything is written).
        confirm: async () => {
          await session.keystore.unlock(session.require().signer.fingerprint, input.passphrase);
        },
      });
      const written = new Uint8Array(await fs.readFile(r.pdf));
      const outline = readPdfOutline(written);
      const firstPages = readFirstPagesText(written, 2);
      return {
        reportId: r.reportId,
        caseNumber: r.case.number,
        pdf: r.pdf,
        sig: r.sig,
        pdfSha256: r.pdfSha256,
        bytes: r.bytes,
        signer: r.signer,
        checkpoint: r.checkpoint,
        previous: r.previous,
        evidence: r.evidence,
        findings: r.findings,
        events: r.events,
        issuedSeq: r.issuedSeq,
        elapsedMs,
        phasesMs,
        outline,
        firstPages,
      };
    },
    async cancelReport(_ctx, input) {
      return reports.cancel(input.caseId);
    },
    async hashEvidenceFolder(_ctx, input) {
      const stat = await fs.stat(input.dir).catch(() => null);
      if (!stat?.isDirectory()) {
        throw new EvaultError('SOURCE_MISSING', `${input.dir} is not a folder`);
      }
      return [...(await hashFolder(input.dir))].map(([path, sha256]) => ({ path, sha256 }));
    },
  };
}
