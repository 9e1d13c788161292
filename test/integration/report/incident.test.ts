// SPDX-License-Identifier: UNLICENSED
// The incident sections of a signed report, read back with poppler's pdftotext: every section of
// regulatory.md §7 in order, "Not supplied" for empty examiner fields, the deadline box on page 1,
// the filing cross-walk; the manifest's incident JSON equal to the vault's; `verify` refolding the
// record from the custody events (and failing when the manifest says otherwise); an amendment
// listing exactly the fields changed since the previous report.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readIncident, recordNotification, setIncidentField } from '../../../electron/services/incident/incident.js';
import { acceptSuggestions } from '../../../electron/services/incident/suggest.js';
import { reportAttachments } from '../../../electron/services/report/attachments.js';
import { renderReportPdf } from '../../../electron/services/report/render/document.js';
import { createCase } from '../../../electron/services/vault/cases.js';
import { logSize } from '../../../electron/services/vault/queries/events.js';
import { EvaultError } from '../../../shared/errors.js';
import { recordForManifest } from '../../../shared/incident/record.js';
import { computeDeadlines } from '../../../shared/regimes/deadlines.js';
import { parseManifest, type ReportManifest } from '../../../shared/report/manifest.js';
import { PdfDocument } from '../../../shared/report/pdfDocument.js';
import { NOW, assemble, check, failures, model, reportFixture, type ReportFixture } from './reportFixture.js';

function pdftotext(path: string): string {
  const r = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  if (r.error) throw new Error(`pdftotext is not installed: these report checks need it (apt-get install -y poppler-utils): ${r.error.message}`);
  return r.stdout;
}

const manifestOf = (path: string): ReportManifest => parseManifest(new PdfDocument(new Uint8Array(readFileSync(path))).attachments().find((a) => a.name === 'manifest.json')!.data);

/** Every heading the §7 order asks for, in the order the report must print them. */
const HEADINGS = [
  '1. Executive summary',
  '2. Parties and legal authority',
  '3. Regimes and clocks',
  '4. Key times',
  '5. AI system',
  '6. Classification',
  '7. Impact',
  '8. Narrative',
  '9. Evidence inventory',
  '10. Chain of custody',
  '11. Methods and validation',
  '12. Findings',
  '13. Opinions and limitations',
  '14. Root cause and risk assessment',
  '15. Measures',
  '16. Data-subject notice',
  '17. Notification log',
  '18. Evidence disposition',
  '19. Examiner and authorization',
  '20. How to verify this report',
  '21. Filing cross-walk',
];

describe('incident sections of the signed report', () => {
  let f: ReportFixture;
  let first: Awaited<ReturnType<ReportFixture['report']>>;
  let text: string;
  before(async () => {
    f = await reportFixture();
    const set = (field: string, value?: string, at?: string) => setIncidentField(f.vault, f.signer, f.theCase.id, { field, value, at });
    set('regimes.assessed', 'gdpr-art33,eu-ai-act-art73');
    set('examiner.timeZone', 'Europe/Berlin');
    set('times.awareness', undefined, '2026-11-20T09:15:00+01:00');
    set('classification.art3_49', 'c');
    set('classification.personalDataBreach', 'yes');
    set('parties.counsel', 'Dana Counsel LLP');
    set('narrative.whatHappened', 'A prompt injection made the support chatbot reveal other customers’ records.');
    set('examiner.certification', 'I, Test Examiner, certify under 28 U.S.C. §1746 that the hashes above identify the records exactly.');
    await acceptSuggestions(f.vault, f.signer, f.theCase.id, ['impact.records', 'classification.atlas']);
    recordNotification(f.vault, f.signer, f.theCase.id, { regime: 'gdpr-art33', recipient: 'BfDI (DE DPA)', at: '2026-11-22T10:00:00+01:00', channel: 'portal', ref: 'BFDI-77', now: NOW });
    first = await f.report('incident.pdf');
    text = pdftotext(first.pdf);
  });
  after(() => f.cleanup());

  test('every section of regulatory.md §7 is present, in order', () => {
    let at = -1;
    for (const h of HEADINGS) {
      const i = text.indexOf(`\n${h}\n`, at + 1);
      assert.ok(i > at, `${h} after the previous heading`);
      at = i;
    }
  });

  test('empty examiner fields print "Not supplied"; supplied ones print their value', () => {
    for (const label of ['Requester', 'Legal basis / authority', 'DPO or contact point', 'EU database id \\(Art\\. 71\\)', 'Root cause', 'Originals', 'Containment']) {
      assert.match(text, new RegExp(`${label}\\s+Not supplied`), label);
    }
    assert.match(text, /FRE 902\(13\)\/\(14\) certification\s+Not supplied|certify under 28 U\.S\.C\. §1746/);
    assert.match(text, /Counsel\s+Dana Counsel LLP/);
    assert.match(text, /Awareness\s+2026-11-20 08:15:00 UTC \(entered\s+2026-11-20\s+09:15:00\s+\+01:00\)/);
    assert.match(text, /certify under 28 U\.S\.C\. §1746/);
    assert.match(text, /Records affected \(approx\.\)\s+\d+\s+\[vault:\s+distinct\s+log\s+records/);
  });

  test('page 1 carries the deadline box with the binding due times and the disclaimer', () => {
    const page1 = text.split('\f')[0]!;
    assert.match(page1, /N\s*O\s*T\s*I\s*F\s*I\s*C\s*A\s*T\s*I\s*O\s*N\s+D\s*E\s*A\s*D\s*L\s*I\s*N\s*E\s*S/);
    assert.match(page1, /GDPR Art\. 33: MET, due 2026-11-23 08:15:00 UTC \(2026-11-23 09:15:00 \+01:00 \(Europe\/Berlin\)\)/);
    assert.match(page1, /EU AI Act Art\. 73: OPEN, due 2026-12-05 08:15:00 UTC/);
    assert.match(page1.replace(/\s+/g, ' '), /Applicability is counsel’s decision; this computation is not legal advice\./);
    assert.match(page1, /Report type\s+initial/);
  });

  test('the notification log and the filing cross-walk are printed', () => {
    assert.match(text, /gdpr-art33\s+BfDI \(DE DPA\)\s+2026-11-22T09:00:00\.000Z;/);
    const crosswalk = text.slice(text.indexOf('\n21. Filing cross-walk\n'));
    for (const s of ['AI Act template', 'GDPR Art. 33(3)', 'UK ICO form', '33(3)(b) DPO or contact point', '33(3)(d) measures taken or', '2.1 EU database ID']) assert.ok(crosswalk.includes(s), s);
  });

  test('the manifest carries the record as the vault folds it, the deadline computation, the regimes and the annex', () => {
    const m = manifestOf(first.pdf);
    const inc = m.incident!;
    assert.deepEqual(inc.record, JSON.parse(JSON.stringify(recordForManifest(readIncident(f.vault.db, f.theCase.id)))));
    assert.deepEqual(inc.deadlines, JSON.parse(JSON.stringify(computeDeadlines(readIncident(f.vault.db, f.theCase.id), NOW.toISOString()))));
    assert.equal(inc.deadlines.computedAt, NOW.toISOString());
    assert.deepEqual(inc.regimes.map((r) => r.id), ['gdpr-art33', 'gdpr-art34', 'eu-ai-act-art73']);
    assert.equal(inc.reportType, 'initial');
    assert.equal(inc.changes, null);
    const cs = inc.annex.atlasCaseStudy;
    for (const k of ['id', 'object-type', 'name', 'summary', 'incident-date', 'incident-date-granularity', 'procedure'] as const) assert.ok(cs[k] !== undefined && cs[k] !== null, k);
    assert.equal(cs.summary, 'A prompt injection made the support chatbot reveal other customers’ records.');
    assert.deepEqual(cs.procedure.map((p) => p.technique), [...new Set(m.findings.map((x) => x.atlas).filter((a): a is string => a !== null))].sort());
    assert.equal(cs.procedure.find((p) => p.technique.startsWith('AML.T0051'))?.tactic, 'Execution');
    assert.equal(inc.annex.aiid.incident.incident_id, m.reportId);
  });

  test('verify refolds the record from the custody events; a manifest that says otherwise fails at incident-record', async () => {
    const ok = await check({ pdf: new Uint8Array(readFileSync(first.pdf)) });
    assert.equal(ok.ok, true, failures(ok).join('\n'));
    assert.equal(ok.steps.find((s) => s.id === 'incident-record')!.status, 'passed');
    const mdl = await model(f);
    (mdl.incident.record.fields['parties.counsel']!.value as string) = 'Someone Else LLP';
    const bad = await check({ pdf: await assemble(mdl, f.signer) });
    assert.equal(bad.firstFailure, 'incident-record', failures(bad).join('\n'));
    const mdl2 = await model(f);
    mdl2.incident.deadlines.assessed[0]!.status = 'open';
    const bad2 = await check({ pdf: await assemble(mdl2, f.signer) });
    assert.equal(bad2.firstFailure, 'incident-record');
    // Local-time strings come from the maker's time-zone database; another one must not fail the report.
    const mdl3 = await model(f);
    mdl3.incident.deadlines.assessed[0]!.deadlines[0]!.dueLocal = '2026-11-23 09:15:00 +01:00 (Europe/Berlin, older tzdata)';
    const tz = await check({ pdf: await assemble(mdl3, f.signer) });
    assert.equal(tz.ok, true, failures(tz).join('\n'));
  });

  test('rendering with a filled incident record is a pure function of the model: same bytes twice', async () => {
    const mdl = await model(f);
    const { attachments } = reportAttachments(mdl, (b) => f.signer.sign(b));
    const a = await renderReportPdf(mdl, attachments);
    const b = await renderReportPdf(mdl, attachments);
    assert.ok(a.length > 0 && Buffer.from(a).equals(Buffer.from(b)));
  });

  test('an amendment lists exactly the fields changed since the previous report', async () => {
    setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'parties.counsel', value: 'Other Counsel LLP' });
    setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'parties.scope', value: 'support chatbot logs 16–20 Nov' });
    setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'parties.requester', value: 'General Counsel' });
    setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'parties.requester', clear: true });
    setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'classification.art3_49', value: 'c' }); // unchanged: no event
    recordNotification(f.vault, f.signer, f.theCase.id, { regime: 'eu-ai-act-art73', recipient: 'MSA DE', at: '2026-11-23T09:00:00Z', now: NOW });
    const amended = await f.report('amended.pdf', { reportType: 'amendment' });
    const m = manifestOf(amended.pdf);
    assert.equal(m.incident!.reportType, 'amendment');
    assert.equal(m.incident!.supersedes, first.reportId);
    assert.deepEqual(m.incident!.changes!.fields.map((c) => c.field), ['parties.counsel', 'parties.scope']);
    assert.equal(m.incident!.changes!.since, first.reportId);
    const t = pdftotext(amended.pdf);
    assert.match(t, /FORENSIC EVIDENCE REPORT · AMENDMENT/);
    assert.match(t, new RegExp(`Report type\\s+amendment, supersedes ${first.reportId}; 2 incident fields changed\\s+since\\s+${first.reportId}`));
    const list = t.slice(t.indexOf(`Incident record: changes since ${first.reportId}`), t.indexOf('Custody events'));
    assert.match(list, /parties\.counsel\s+[0-9a-f]{16}…\s+Other Counsel LLP/);
    assert.match(list, /parties\.scope\s+\(not set\)\s+support chatbot logs/);
    assert.doesNotMatch(list, /parties\.requester|classification/);
    const r = await check({ pdf: new Uint8Array(readFileSync(amended.pdf)) });
    assert.equal(r.ok, true, failures(r).join('\n'));
  });

  test('an amendment of a case without a report is refused before anything is signed', async () => {
    const other = createCase(f.vault, f.signer, { number: 'CASE-2', title: 'No report yet' });
    const events = logSize(f.vault.db, other.id);
    await assert.rejects(f.report('none.pdf', { reportType: 'amendment' }, other.id), (e: unknown) => e instanceof EvaultError && e.code === 'BAD_INPUT');
    assert.equal(logSize(f.vault.db, other.id), events);
    assert.equal(existsSync(join(f.root, 'none.pdf')), false);
  });
});
