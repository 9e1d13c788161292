// SPDX-License-Identifier: UNLICENSED
// Reports from the UI: issue a signed report (the passphrase is checked again against the key file
// here, in main, and dropped; the unlocked signer signs; pdfkit renders in a worker thread), read
// the written PDF's outline back for the preview, and hash an evidence folder for the Verify screen
// (which needs no vault).
import { promises as fs } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Handlers } from '../../../shared/api/contract.js';
import { EvaultError } from '../../../shared/errors.js';
import { readPdfOutline } from '../../../shared/report/pdfOutline.js';
import { readFirstPagesText } from '../../../shared/report/pdfText.js';
import { CertificateStore } from '../report/certStore.js';
import { generateReport } from '../report/generate.js';
import { SECTIONS } from '../report/model.js';
import { hashFolder } from '../report/verifyFile.js';
import { renderInWorker } from './reportRender.js';
import type { AppSession } from './session.js';

export function reportHandlers(session: AppSession): Pick<Handlers, 'issueReport' | 'hashEvidenceFolder'> {
  return {
    async issueReport(_ctx, input) {
      return session.exclusive(async () => {
        const { vault, signer } = session.require();
        // Confirms that the person at the keyboard holds the passphrase; the second Signer is
        // discarded at once (a wrong passphrase throws WRONG_PASSPHRASE before anything is written).
        await session.keystore.unlock(signer.fingerprint, input.passphrase);
        const started = performance.now();
        const phasesMs = { collect: 0, render: 0, write: 0 };
        const r = await generateReport(vault, signer, {
          render: renderInWorker,
          onPhase: (phase, ms) => (phasesMs[phase] = Math.round(ms)),
          caseRef: input.caseId,
          out: input.out,
          // Always in the report's own order, so the same set gives the same report.
          options: { sections: SECTIONS.filter((s) => input.sections.includes(s)), reveal: input.reveal, organisation: input.organisation?.trim() || null, classification: input.classification?.trim() || null, ...(input.reportType ? { reportType: input.reportType } : {}), ...(input.cite?.length ? { cite: input.cite.map((c) => ({ evidence: c.evidenceId, index: c.record })) } : {}) },
          certificates: new CertificateStore(session.keystore.dir),
        });
        const elapsedMs = Math.round(performance.now() - started);
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
      });
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
