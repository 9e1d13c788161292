// SPDX-License-Identifier: UNLICENSED
// Builds the signed PDF from a model: attachments (manifest signed with Ed25519), rendering, then
// the PAdES CMS made with the examiner's ECDSA P-256 companion key over the final ByteRange.
import { createHash } from 'node:crypto';
import { assembleSignedData, buildSignedAttributes } from '../../../shared/report/cms.js';
import type { ReportManifest } from '../../../shared/report/manifest.js';
import type { ParsedCertificate } from '../../../shared/report/x509.js';
import type { CompanionSigner, Signer } from '../keys/signer.js';
import { reportAttachments, type ReportAttachment } from './attachments.js';
import type { ReportModel } from './model.js';
import { renderReportPdf } from './render/document.js';
import { fillByteRange, writeContents, type SignedRanges } from './signPdf.js';

/** Makes the CMS over the signed ranges and writes it into /Contents (in place). */
export function signRanges(pdf: Uint8Array, ranges: SignedRanges, companion: CompanionSigner, certificates: readonly ParsedCertificate[]): void {
  const digest = createHash('sha256').update(ranges.covered[0]).update(ranges.covered[1]).digest();
  const attributes = buildSignedAttributes(new Uint8Array(digest), certificates[0]!);
  writeContents(pdf, ranges, assembleSignedData(attributes, companion.sign(attributes), certificates));
}

/** Turns the model into the unsigned PDF; the app passes one that renders in a worker thread. */
export type RenderPdf = (model: ReportModel, attachments: readonly ReportAttachment[]) => Promise<Uint8Array>;

export async function buildSignedPdf(model: ReportModel, signer: Signer, render: RenderPdf = renderReportPdf): Promise<{ pdf: Uint8Array; manifest: ReportManifest }> {
  const { manifest, attachments } = reportAttachments(model, (m) => signer.sign(m));
  const pdf = await render(model, attachments);
  signRanges(pdf, fillByteRange(pdf), signer.companion!, model.certificates);
  return { pdf, manifest };
}
