// SPDX-License-Identifier: UNLICENSED
// Renders a report model to an unsigned PDF/A-3b file with its attachments and the signature
// placeholder. The output is a function of the model alone: pdfkit's document ID hashes the Info
// dictionary (whose dates are the generation time), fonts are subset deterministically, and
// nothing reads the clock.
import PDFDocument from 'pdfkit';
import type { ReportAttachment } from '../attachments.js';
import { fontPath } from '../fonts.js';
import type { ReportModel, Section } from '../model.js';
import { addSignaturePlaceholder } from '../signPdf.js';
import { renderAssessment } from './assessment.js';
import { renderCover } from './cover.js';
import { renderCrosswalk } from './crosswalk.js';
import { renderIncident } from './incident.js';
import { renderMethods } from './methods.js';
import { renderCustody } from './custody.js';
import { renderEvidence } from './evidence.js';
import { renderFindings } from './findings.js';
import { utc } from './format.js';
import { renderHowToVerify } from './howToVerify.js';
import { CONTENT_WIDTH, Layout, PAGE, THEME } from './layout.js';
import { renderSummary } from './summary.js';

/** Numbered as the rows of regulatory.md §7, so the cross-walk's numbers are the report's. */
const SECTION_RENDERERS: Record<Section, { title: string; render: (l: Layout, m: ReportModel) => void }> = {
  summary: { title: '1. Executive summary', render: renderSummary },
  incident: { title: '2–8. Incident record', render: renderIncident },
  evidence: { title: '9. Evidence inventory', render: renderEvidence },
  custody: { title: '10. Chain of custody', render: renderCustody },
  methods: { title: '11. Methods and validation', render: renderMethods },
  findings: { title: '12. Findings', render: renderFindings },
  assessment: { title: '13–19. Assessment, measures, notifications, examiner', render: renderAssessment },
  verification: { title: '20. How to verify this report', render: renderHowToVerify },
  crosswalk: { title: '21. Filing cross-walk', render: renderCrosswalk },
};

/**
 * pdfkit copies Info strings into the XMP packet without escaping (tested), and the same string
 * goes into the Info dictionary, where an entity would show literally; so the three XML-special
 * characters become look-alikes (＆ ‹ ›) that need no escaping.
 */
export function xmlSafe(text: string): string {
  // XML 1.0 forbids these control characters, so the pattern must name them.
  // eslint-disable-next-line no-control-regex
  return text.replace(/&/g, '\uff06').replace(/</g, '\u2039').replace(/>/g, '\u203a').replace(/[\u0000-\u001f]/g, ' ');
}

function decorate(l: Layout, m: ReportModel): void {
  const doc = l.doc;
  const { count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(i);
    if (m.options.classification) {
      l.at(m.options.classification.toUpperCase(), PAGE.margin.left, 14, 'bold', 8.5, THEME.alert, { width: CONTENT_WIDTH, align: 'center' });
      l.at(m.options.classification.toUpperCase(), PAGE.margin.left, PAGE.height - 20, 'bold', 8.5, THEME.alert, { width: CONTENT_WIDTH, align: 'center' });
    }
    if (i > 0) {
      l.at('EVIDENCE VAULT · FORENSIC EVIDENCE REPORT', PAGE.margin.left, 36, 'bold', 6.8, THEME.faint, { characterSpacing: 0.8 });
      l.at(`Case ${m.case.number} · ${m.reportId}`, PAGE.margin.left, 35.5, 'sans', 7.6, THEME.muted, { width: CONTENT_WIDTH, align: 'right' });
      doc.moveTo(PAGE.margin.left, 49).lineTo(PAGE.width - PAGE.margin.right, 49).lineWidth(0.5).strokeColor(THEME.rule).stroke();
    }
    const fy = PAGE.height - 44;
    doc.moveTo(PAGE.margin.left, fy).lineTo(PAGE.width - PAGE.margin.right, fy).lineWidth(0.5).strokeColor(THEME.rule).stroke();
    l.at(`Case ${m.case.number} · report ${m.reportId} · generated ${utc(m.generatedAt.toISOString())} · digitally signed`, PAGE.margin.left, fy + 7, 'sans', 7, THEME.muted);
    l.at(`Page ${i + 1} of ${count}`, PAGE.margin.left, fy + 7, 'bold', 7.4, THEME.ink, { width: CONTENT_WIDTH, align: 'right' });
  }
}

export async function renderReportPdf(m: ReportModel, attachments: readonly ReportAttachment[]): Promise<Uint8Array> {
  const info = {
    Title: xmlSafe(`Forensic evidence report, case ${m.case.number}: ${m.case.title}`),
    Author: xmlSafe(m.signer.name),
    Subject: xmlSafe(`Report ${m.reportId}`),
    Keywords: xmlSafe(`evidence vault, forensic report, ${m.case.number}, ${m.reportId}`),
    Creator: xmlSafe(m.tool),
    Producer: xmlSafe(`${m.tool} (pdfkit)`),
    CreationDate: m.generatedAt,
    ModDate: m.generatedAt,
  };
  const doc = new PDFDocument({ pdfVersion: '1.7', subset: 'PDF/A-3b', size: 'A4', margins: PAGE.margin, bufferPages: true, lang: 'en', displayTitle: true, font: fontPath('sans'), info });
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const firstPage = doc.page.dictionary;
  const l = new Layout(doc, { sans: fontPath('sans'), bold: fontPath('bold'), italic: fontPath('italic'), mono: fontPath('mono') });
  // Bookmarked before it is drawn, so the entry points at page 1 even if the cover runs over.
  doc.outline.addItem('Cover: case, examiner, integrity');
  renderCover(l, m);
  for (const section of m.options.sections) {
    const s = SECTION_RENDERERS[section];
    l.newPage();
    doc.outline.addItem(s.title);
    s.render(l, m);
  }
  decorate(l, m);
  for (const a of attachments) doc.file(a.data, { name: a.name, type: a.mime, description: a.description, relationship: 'Data', creationDate: m.generatedAt, modifiedDate: m.generatedAt });
  addSignaturePlaceholder(doc, firstPage, { name: m.signer.name, reason: `Forensic evidence report ${m.reportId} for case ${m.case.number}`, location: m.options.organisation ?? 'Evidence Vault', contactInfo: `Ed25519 ${m.signer.fingerprint}`, signingTime: m.generatedAt });
  doc.end();
  await done;
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
