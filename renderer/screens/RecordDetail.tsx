// SPDX-License-Identifier: UNLICENSED
// The selected record in full. Revealing its PII asks main to record a custody event first; only
// then are the values returned.
import { useState } from 'react';
import { api } from '../api/vault.js';
import type { RecordView } from '../../shared/api/types.js';
import { Badge } from '../components/Badge.js';
import { ErrorNote } from '../components/ErrorNote.js';
import type { Citations } from '../lib/citations.js';
import { findingLabel, formatTime } from '../lib/format.js';
import { DiscloseForm } from './DiscloseForm.js';

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function RecordDetail({ caseId, view, sealed, nativeDialogs, citations, onRevealed }: { caseId: string; view: RecordView | undefined; sealed: boolean; nativeDialogs: boolean; citations: Citations; onRevealed: (v: RecordView) => void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (!view) {
    return (
      <aside className="record-detail empty-detail" aria-label="Record detail">
        <p className="muted">Select a record (click, or use the arrow keys in the table).</p>
      </aside>
    );
  }
  const reveal = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onRevealed(await api.revealRecord({ caseId, evidenceId: view.evidence, record: view.record, reason: null }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <aside className="record-detail" aria-label="Record detail">
      <div className="section-head">
        <h3>
          Record {view.record} <span className="muted small">line {view.line}</span>
        </h3>
        {view.pii.length > 0 &&
          (view.redacted ? (
            <button type="button" onClick={reveal} disabled={busy || sealed} title={sealed ? 'A sealed case accepts no new custody events' : 'Shows the values and records that you did'}>
              {busy ? 'Recording…' : 'Reveal PII'}
            </button>
          ) : (
            <Badge tone="medium">PII revealed · recorded in custody log</Badge>
          ))}
      </div>
      <dl className="facts compact">
        <dt>Log</dt>
        <dd>{view.evidenceName}</dd>
        <dt>Time</dt>
        <dd>{formatTime(view.ts)}</dd>
        {view.user && (
          <>
            <dt>User</dt>
            <dd className="mono">{view.user}</dd>
          </>
        )}
        {view.session && (
          <>
            <dt>Session</dt>
            <dd className="mono">{view.session}</dd>
          </>
        )}
        {view.tenant && (
          <>
            <dt>Tenant</dt>
            <dd className="mono">{view.tenant}</dd>
          </>
        )}
      </dl>
      {(view.findings.length > 0 || view.pii.length > 0 || view.malformed) && (
        <div className="badges">
          {view.malformed && <Badge tone="fail">Malformed: {view.malformed}</Badge>}
          {view.findings.map((f) => (
            <Badge key={f.type} tone={f.severity}>
              {findingLabel(f.type)} · {f.severity}
            </Badge>
          ))}
          {view.pii.map((p) => (
            <Badge key={p} tone="medium">
              {findingLabel(p)}
            </Badge>
          ))}
        </div>
      )}
      <ErrorNote error={error} />
      <label className="check">
        <input type="checkbox" checked={citations.has(view.evidence, view.record)} onChange={() => citations.toggle({ evidenceId: view.evidence, evidenceName: view.evidenceName, record: view.record, line: view.line })} /> Cite in report
        <span className="muted small"> ({citations.list.length} chosen; listed in the Report tab)</span>
      </label>
      <DiscloseForm caseId={caseId} view={view} nativeDialogs={nativeDialogs} />
      <pre className="record-text" tabIndex={0} aria-label="Record text" data-redacted={view.redacted}>
        {pretty(view.text)}
      </pre>
    </aside>
  );
}
