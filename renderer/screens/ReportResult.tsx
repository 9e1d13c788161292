// SPDX-License-Identifier: UNLICENSED
// The outcome of verifying a signed report: the verdict, who signed it (name and fingerprint to
// compare out of band), every step passed / failed / skipped in plain words with its checks, the
// evidence files matched, and the report's contents.
import type { ReportVerification, StepResult } from '../../shared/report/verify/types.js';
import type { PdfOutline } from '../../shared/report/pdfOutline.js';
import { Fingerprint } from '../components/Fingerprint.js';
import { stepText } from '../lib/reportChecks.js';
import { FirstPages, ReportOutline } from './ReportPanel.js';

export interface ReportOutcome {
  file: string;
  sigFile: string | null;
  /** How the expected examiner was given ("key file x.pem", "the fingerprint you typed"), if at all. */
  trustedFile: string | null;
  evidenceDir: string | null;
  result: ReportVerification;
  outline: PdfOutline | null;
  firstPages: string[][] | null;
}

function Step({ s }: { s: StepResult }) {
  const t = stepText(s.id);
  const mark = s.status === 'passed' ? '✓' : s.status === 'failed' ? '✗' : '–';
  const cls = s.status === 'passed' ? 'pass' : s.status === 'failed' ? 'fail' : 'skip';
  return (
    <li className={cls} data-step={s.id} data-status={s.status}>
      <span className="check-mark" aria-hidden="true">
        {mark}
      </span>
      <span className="sr-only">{s.status === 'passed' ? 'Passed:' : s.status === 'failed' ? 'Failed:' : 'Not checked:'}</span>
      <div>
        <div className="strong">{t.title}</div>
        <div className="muted small">{s.detail}</div>
        {s.status === 'failed' && (
          <>
            <ul className="problems">
              {s.checks
                .filter((c) => !c.ok)
                .map((c, i) => (
                  <li key={i}>
                    <span className="strong">{c.name}</span>
                    {c.detail ? `: ${c.detail}` : ''}
                    {(c.expected !== undefined || c.found !== undefined) && (
                      <div className="mono small expected-found">
                        expected {c.expected ?? '—'} · found {c.found ?? '—'}
                      </div>
                    )}
                  </li>
                ))}
            </ul>
            <div className="advice">What to do: {t.onFail}</div>
          </>
        )}
      </div>
    </li>
  );
}

export function ReportResult({ outcome }: { outcome: ReportOutcome }) {
  const r = outcome.result;
  const failed = r.steps.filter((s) => s.status === 'failed');
  return (
    <section className={`verify-result ${r.ok ? 'ok' : 'fail'}`} aria-label="Report verification result" data-first-failure={r.firstFailure ?? ''}>
      <h2 role="status">{r.ok ? `Report verified: ${outcome.file}` : `Report verification FAILED: ${outcome.file}`}</h2>
      {r.ok ? (
        <p>
          Every check passed{r.case ? ` for case ${r.case.number} (${r.case.title})` : ''}, report {r.reportId}.{' '}
          {!outcome.sigFile && 'No detached signature (.sig) was given; add it to check that too.'}
        </p>
      ) : (
        <p className="fail-text">
          Failed first at “{stepText(r.firstFailure ?? '').title}” ({failed.length} of {r.steps.length} steps failed). Do not rely on this report until the examiner explains it.
        </p>
      )}
      {r.signer && (
        <div className="signer">
          <p>
            Signed by <span className="strong">{r.signer.name}</span>
            {r.signer.role ? `, ${r.signer.role}` : ''}
            {r.signer.pinned && r.steps.find((s) => s.id === 'pdf-signer-identity')?.status === 'passed' ? (
              <span className="ok-text"> — the examiner you expected ({outcome.trustedFile})</span>
            ) : r.signer.pinned ? (
              <span className="fail-text"> — NOT the examiner you expected ({outcome.trustedFile})</span>
            ) : (
              <span className="warn-text"> — compare this fingerprint with the one the examiner gave you, or add their public key (PEM)</span>
            )}
          </p>
          <Fingerprint value={r.signer.fingerprint} label="Signer's key fingerprint" />
        </div>
      )}
      <dl className="facts compact">
        <dt>Report SHA-256</dt>
        <dd className="mono">{r.pdfSha256}</dd>
        <dt>Checked with</dt>
        <dd>
          {[outcome.file, outcome.sigFile, outcome.trustedFile, outcome.evidenceDir && `evidence folder ${outcome.evidenceDir}`].filter(Boolean).join(' · ')}
        </dd>
      </dl>
      <ol className="checks steps">
        {r.steps.map((s) => (
          <Step key={s.id} s={s} />
        ))}
      </ol>
      {r.evidence.length > 0 && (
        <table className="table evidence-outcomes">
          <caption className="sr-only">Evidence files</caption>
          <thead>
            <tr>
              <th>Evidence</th>
              <th>Outcome</th>
              <th>Found at</th>
            </tr>
          </thead>
          <tbody>
            {r.evidence.map((e) => (
              <tr key={e.sha256 + e.name}>
                <td>
                  {e.name}
                  <div className="mono small muted">{e.sha256}</div>
                </td>
                <td>
                  <span className={`badge ${e.outcome === 'matched' ? 'ok' : 'fail'}`}>{e.outcome}</span>
                </td>
                <td className="mono small">{e.path ?? '—'}{e.found && e.outcome === 'changed' ? ` (now ${e.found.slice(0, 16)}…)` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {outcome.outline && <ReportOutline outline={outcome.outline} />}
      {outcome.firstPages && <FirstPages pages={outcome.firstPages} total={outcome.outline?.pages ?? null} />}
    </section>
  );
}
