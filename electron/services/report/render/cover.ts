// SPDX-License-Identifier: UNLICENSED
// The cover page: what the report is, about which case, by whom, and the fingerprints to check.
import { sha256Hex } from '../../../../shared/crypto/sha256.js';
import type { ReportModel } from '../model.js';
import { deadlineBox } from './deadlineBox.js';
import { fp, plural, utc } from './format.js';
import { BOTTOM, CONTENT_WIDTH, PAGE, THEME, type Layout } from './layout.js';

function reportTypeText(m: ReportModel): string {
  const t = m.incident.reportType;
  const changes = m.incident.changes;
  const since = changes ? `; ${plural(changes.fields.length, 'incident field')} changed since ${changes.since} (listed in section 10)` : '';
  return `${t}${m.incident.supersedes ? `, supersedes ${m.incident.supersedes}` : ''}${since}`;
}

/** Narrower than the body's 150 pt, so fingerprints and long values wrap less on the cover. */
const LABEL_WIDTH = 128;

export function renderCover(l: Layout, m: ReportModel): void {
  const doc = l.doc;
  const bandTop = 0;
  // Compact enough that the deadline box, the case and the integrity facts fit on one page.
  const bandHeight = 160;
  doc.rect(0, bandTop, PAGE.width, bandHeight).fill(THEME.navy);
  doc.rect(0, bandTop + bandHeight, PAGE.width, 4).fill(THEME.accent);
  l.at(`FORENSIC EVIDENCE REPORT · ${m.incident.reportType.toUpperCase()}`, l.x, bandTop + 44, 'bold', 9, '#9fb3c8', { characterSpacing: 1.6 });
  const titleLines = l.wrap(m.case.title, 'bold', 22, CONTENT_WIDTH).slice(0, 2);
  titleLines.forEach((t, i) => l.at(t, l.x, bandTop + 64 + i * 27, 'bold', 22, THEME.white));
  l.at(`Case ${m.case.number}`, l.x, bandTop + 70 + titleLines.length * 27, 'sans', 12, '#d7e1ea');
  l.at(`Report ${m.reportId}`, l.x, bandTop + bandHeight - 22, 'mono', 9, '#9fb3c8');
  l.at(`Generated ${utc(m.generatedAt.toISOString())}`, l.x, bandTop + bandHeight - 22, 'sans', 9, '#9fb3c8', { width: CONTENT_WIDTH, align: 'right' });
  l.y = bandTop + bandHeight + 18;

  if (m.options.reveal) {
    const h = 24;
    doc.rect(l.x, l.y, CONTENT_WIDTH, h).fill('#fdecea');
    l.at('Cited log records are shown UNREDACTED: this report contains personal data. Handle accordingly.', l.x + 8, l.y + 7.5, 'bold', 9, THEME.alert);
    l.y += h + 12;
  }

  const caseRows = [
    { label: 'Organisation', value: m.options.organisation ?? '' },
    { label: 'Case number', value: m.case.number },
    { label: 'Case title', value: m.case.title },
    { label: 'Description', value: m.case.description ?? '' },
    { label: 'Case opened', value: utc(m.case.createdAt) },
    { label: 'Examiner', value: `${m.signer.name}${m.signer.role ? `, ${m.signer.role}` : ''}` },
    { label: 'Examiner key (Ed25519)', value: fp(m.signer.fingerprint), mono: true },
    { label: 'Report type', value: reportTypeText(m) },
    { label: 'Classification', value: m.options.classification ?? '' },
  ];
  const cert = m.certificates[0]!;
  const integrityRows = [
    { label: 'Embedded PDF signature', value: `PAdES B-B (ETSI.CAdES.detached), ECDSA P-256 / SHA-256; certificate ${cert.issuer.length === cert.subject.length && m.certificates.length === 1 ? 'self-signed' : 'issued by a CA'}` },
    { label: 'Certificate SHA-256', value: fp(sha256Hex(cert.der)), mono: true },
    { label: 'Detached signature', value: 'report.pdf.sig: Ed25519 over every byte of this file, by the examiner key above' },
    { label: 'Custody checkpoint', value: `${plural(m.checkpoint.size, 'event')} of the case log, Merkle root ${m.checkpoint.root}` },
    { label: 'Previous report', value: m.previous ? `${m.previous.reportId}: consistency proof from ${plural(m.previous.checkpoint.size, 'event')} included` : 'None: this is the first report of the case' },
    { label: 'Attachments', value: 'manifest.json (signed), custody.jsonl, examiner public keys, signer certificate (PDF/A-3 associated files)' },
  ];
  const closing = 'Section 20 lists the commands that check all of this without Evidence Vault (OpenSSL and poppler), and with it. Any change to any byte of this file invalidates both signatures.';
  // What follows the deadline box is measured first: the box gets the room that is left, so that
  // many assessed regimes shorten the box (the rest are in section 3) instead of pushing the
  // cover onto a second page.
  const after = 2 * l.headingHeight(2) + l.keyValuesHeight(caseRows, LABEL_WIDTH, true) + l.keyValuesHeight(integrityRows, LABEL_WIDTH, true) + l.paraHeight(closing, { size: 8.6 });
  deadlineBox(l, m, BOTTOM - l.y - after);

  l.heading('Case and examiner', 2);
  l.keyValues(caseRows, LABEL_WIDTH, true);
  l.heading('Integrity at a glance', 2);
  l.keyValues(integrityRows, LABEL_WIDTH, true);
  l.para(closing, { color: THEME.muted, size: 8.6 });
}
