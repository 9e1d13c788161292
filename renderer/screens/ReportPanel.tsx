// SPDX-License-Identifier: UNLICENSED
// Issue the case's signed report: choose sections and options, choose where to save it (native
// dialog in the desktop app, typed path in a browser session), confirm with the passphrase (checked
// again by the service, never kept here), follow its progress (gathered, rendered and written in a
// worker thread of the services) with a Cancel button, then see what was written: its pages'
// outline, the SHA-256, the custody event that records it. A cancelled report writes nothing.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/vault.js';
import { REPORT_SECTIONS, REPORT_TYPE_CHOICES, type IssuedReportView, type ReportProgress, type ReportSection, type ReportTypeChoice } from '../../shared/api/reportTypes.js';
import { describeError } from '../lib/errors.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Field } from '../components/Field.js';
import { CopyButton } from '../components/CopyButton.js';
import { Fingerprint } from '../components/Fingerprint.js';
import { formatBytes } from '../lib/format.js';
import type { Citations } from '../lib/citations.js';
import { CitedRecords } from './CitedRecords.js';

const SECTION_TEXT: Record<ReportSection, { title: string; what: string }> = {
  summary: { title: 'Executive summary', what: 'Evidence counts, time span, key findings by severity with MITRE ATLAS ids, activity charts' },
  incident: { title: 'Incident record', what: 'Parties and legal authority, regimes and deadlines, the AI system, classification, impact, narrative; “Not supplied” where empty' },
  evidence: { title: 'Evidence inventory', what: 'Every item with its full SHA-256, acquisition and last verification; record counts and roots of logs' },
  findings: { title: 'Findings', what: 'Each finding with its rule and explanation; cited log records with their inclusion proofs' },
  custody: { title: 'Chain of custody', what: 'Every custody event, the signed checkpoint and the consistency proof from the previous report' },
  methods: { title: 'Methods and validation', what: 'Tool version, parsers, detection rules, PII detector, model scanner and regime rules, each with its version and hash' },
  assessment: { title: 'Assessment and filings', what: 'Opinions and limitations, root cause and risk, measures, data-subject notice, the notification log, disposition, authorization' },
  crosswalk: { title: 'Filing cross-walk', what: 'Each section mapped to the AI Act template, GDPR Art. 33(3)(a)–(d) and the UK ICO form' },
  verification: { title: 'How to verify', what: 'Fingerprints to expect and the exact commands an auditor runs' },
};

const REPORT_TYPE_TEXT: Record<ReportTypeChoice, string> = {
  initial: 'Initial — the first notification report',
  'follow-up': 'Follow-up — adds to an earlier report',
  final: 'Final — closes the reporting',
  amendment: 'Amendment — corrects an earlier report, listing each changed field',
};

/** One line per phase of a running report, with the counts known by then. */
function progressText(p: ReportProgress | undefined): string {
  switch (p?.phase) {
    case 'collecting':
      return 'Signing a checkpoint and gathering evidence, findings and custody events from the vault…';
    case 'rendering':
      return `Rendering and signing the PDF: ${p.evidence ?? 0} evidence item(s), ${p.findings ?? 0} finding(s), ${p.events ?? 0} custody events…`;
    case 'writing':
      return `Writing the PDF (${formatBytes(p.bytes ?? 0)}) and its signature, and recording report.issued…`;
    default:
      return 'Waiting for other vault work to finish…';
  }
}

export function ReportPanel({ caseId, caseNumber, organisation, nativeDialogs, citations }: { caseId: string; caseNumber: string; organisation: string | null; nativeDialogs: boolean; citations: Citations }) {
  const [sections, setSections] = useState<ReportSection[]>([...REPORT_SECTIONS]);
  const [reveal, setReveal] = useState(false);
  const [reportType, setReportType] = useState<ReportTypeChoice | ''>('');
  const [org, setOrg] = useState(organisation ?? '');
  const [classification, setClassification] = useState('');
  const [out, setOut] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [issued, setIssued] = useState<IssuedReportView>();
  const [progress, setProgress] = useState<ReportProgress>();
  const [cancelled, setCancelled] = useState(false);
  const [cancelRefused, setCancelRefused] = useState(false);

  useEffect(() => api.on('reportProgress', (p) => p.caseId === caseId && setProgress(p)), [caseId]);

  const toggle = (s: ReportSection, on: boolean) => setSections((cur) => REPORT_SECTIONS.filter((x) => (x === s ? on : cur.includes(x))));

  const choose = async () => {
    setError(undefined);
    try {
      const chosen = await api.pickSavePath({ suggestedName: `report-${caseNumber}.pdf`, purpose: 'report' });
      if (chosen) setOut(chosen);
    } catch (err) {
      setError(err);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setIssued(undefined);
    setProgress(undefined);
    setCancelled(false);
    setCancelRefused(false);
    try {
      setIssued(await api.issueReport({ caseId, sections, reveal, organisation: org.trim() || null, classification: classification.trim() || null, out: out.trim(), passphrase, ...(reportType ? { reportType } : {}), ...(citations.list.length ? { cite: citations.list.map((c) => ({ evidenceId: c.evidenceId, record: c.record })) } : {}) }));
    } catch (err) {
      if (describeError(err).code === 'CANCELLED') setCancelled(true);
      else setError(err);
    } finally {
      setPassphrase('');
      setBusy(false);
    }
  };

  return (
    <div className="report-panel">
      <form className="panel report-form" onSubmit={submit} aria-label="Issue a signed report">
        <div className="section-head">
          <div>
            <h2>Signed evidence report</h2>
            <p className="muted small">A PDF/A-3 report signed twice (PAdES with your P-256 key, Ed25519 beside it), with its machine-readable manifest and custody log attached. Issuing it signs a checkpoint and records a custody event.</p>
          </div>
        </div>
        <fieldset className="sections">
          <legend>Sections</legend>
          {REPORT_SECTIONS.map((s) => (
            <label key={s} className="section-choice">
              <input type="checkbox" checked={sections.includes(s)} onChange={(e) => toggle(s, e.target.checked)} />
              <span>
                <span className="strong">{SECTION_TEXT[s].title}</span>
                <span className="muted small">{SECTION_TEXT[s].what}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field label="Report type" hint="Printed on the cover and recorded in the manifest. An amendment needs an earlier report of this case.">
          {(id) => (
            <select id={id} value={reportType} onChange={(e) => setReportType(e.target.value as ReportTypeChoice | '')}>
              <option value="">Automatic — initial, or follow-up after an earlier report</option>
              {REPORT_TYPE_CHOICES.map((t) => (
                <option key={t} value={t}>
                  {REPORT_TYPE_TEXT[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-row">
          <Field label="Organisation (cover and signature location)">{(id) => <input id={id} value={org} onChange={(e) => setOrg(e.target.value)} maxLength={200} />}</Field>
          <Field label="Classification banner (optional)" hint="Printed at the top and bottom of every page, e.g. Confidential — legal privilege">
            {(id) => <input id={id} value={classification} onChange={(e) => setClassification(e.target.value)} maxLength={200} />}
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} /> Show cited log records unredacted (personal data visible in the report)
        </label>
        {reveal && <p className="notice small">Cited records will show names, e-mail and IP addresses as recorded. The report records that it was issued unredacted.</p>}
        <CitedRecords citations={citations} findingsIncluded={sections.includes('findings')} />
        <div className="form-row">
          <Field label="Save as" hint={nativeDialogs ? 'The report and its .sig are written here; nothing is overwritten.' : 'A path on the computer running the vault (a browser page cannot open a save dialog); the .sig is written beside it.'}>
            {(id) => (
              <div className="inline-form">
                <input id={id} className="mono grow" value={out} onChange={(e) => setOut(e.target.value)} placeholder={`/home/you/reports/report-${caseNumber}.pdf`} readOnly={nativeDialogs} />
                {nativeDialogs && (
                  <button type="button" onClick={choose}>
                    Choose…
                  </button>
                )}
              </div>
            )}
          </Field>
          <Field label="Your passphrase" hint="Confirms that you sign this report; checked by the vault, not kept.">
            {(id) => <input id={id} type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
          </Field>
        </div>
        <ErrorNote error={error} />
        {busy && (
          <p className="muted small report-progress" role="status" aria-live="polite" data-phase={progress?.phase ?? 'queued'}>
            {progressText(progress)}
          </p>
        )}
        {cancelRefused && busy && <p className="notice small">Too late to cancel: the report is already being saved.</p>}
        {cancelled && (
          <p className="notice report-cancelled" role="status">
            Report cancelled: nothing was written — no PDF, no signature file and no custody event.
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || sections.length === 0 || !out.trim() || !passphrase}>
            {busy ? 'Generating and signing…' : 'Sign and save report'}
          </button>
          {busy && (
            <button
              type="button"
              className="danger"
              onClick={() =>
                api.cancelReport({ caseId }).then(
                  (ok) => setCancelRefused(!ok),
                  (err: unknown) => setError(err),
                )
              }
            >
              Cancel report
            </button>
          )}
        </div>
      </form>
      {issued && <IssuedReport r={issued} />}
    </div>
  );
}

function IssuedReport({ r }: { r: IssuedReportView }) {
  return (
    <section className="verify-result ok issued" aria-label="Issued report">
      <h2 role="status">Report {r.reportId} signed and saved</h2>
      <dl className="facts compact">
        <dt>PDF</dt>
        <dd className="mono">{r.pdf}</dd>
        <dt>Detached signature</dt>
        <dd className="mono">{r.sig}</dd>
        <dt>SHA-256</dt>
        <dd className="hash-cell">
          <span className="mono" data-sha256={r.pdfSha256}>
            {r.pdfSha256}
          </span>{' '}
          <CopyButton text={r.pdfSha256} label="Copy the report's SHA-256" />
        </dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(r.bytes)} · {r.outline ? `${r.outline.pages} pages` : 'page count unavailable'} · made in a worker thread in {(r.elapsedMs / 1000).toFixed(1)} s (gathering {(r.phasesMs.collect / 1000).toFixed(1)} s, rendering and signing {(r.phasesMs.render / 1000).toFixed(1)} s, writing {(r.phasesMs.write / 1000).toFixed(1)} s)
        </dd>
        <dt>Covers</dt>
        <dd>
          {r.evidence} evidence item(s), {r.findings} finding(s), {r.events} custody events (checkpoint root <span className="mono">{r.checkpoint.root.slice(0, 16)}…</span>)
          {r.previous ? `; proves consistency with ${r.previous}` : '; first report of this case'}
        </dd>
        <dt>Custody</dt>
        <dd>Recorded as event {r.issuedSeq} (report.issued)</dd>
      </dl>
      <div>
        <p className="small muted">Signed with the key whose fingerprint auditors should expect:</p>
        <Fingerprint value={r.signer} />
      </div>
      {r.outline && <ReportOutline outline={r.outline} />}
      {r.firstPages && <FirstPages pages={r.firstPages} total={r.outline?.pages ?? null} />}
    </section>
  );
}

/**
 * The first pages' text as the PDF holds it, one card per page: a preview that needs no PDF
 * rasteriser on the laptop (layout, colours and charts are not reproduced).
 */
export function FirstPages({ pages, total }: { pages: string[][]; total: number | null }) {
  return (
    <div className="first-pages">
      <h3>First pages (text as written in the PDF; layout and charts not shown)</h3>
      <div className="page-cards">
        {pages.map((lines, i) => (
          <figure key={i} className="page-card" aria-label={`Page ${i + 1} text`}>
            <div className="page-text">
              {lines.map((l, k) => (
                <p key={k}>{l}</p>
              ))}
            </div>
            <figcaption className="muted small">
              Page {i + 1}
              {total ? ` of ${total}` : ''}
            </figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}

/** The report's bookmarks with their pages: a preview that needs no PDF rasteriser on the laptop. */
export function ReportOutline({ outline }: { outline: NonNullable<IssuedReportView['outline']> }) {
  return (
    <div className="outline">
      <h3>Contents ({outline.pages} pages)</h3>
      <ol className="outline-list">
        {outline.entries.map((e, i) => (
          <li key={i}>
            <span>{e.title}</span>
            <span className="leader" aria-hidden="true" />
            <span className="muted">{e.page === null ? '—' : `page ${e.page}`}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
