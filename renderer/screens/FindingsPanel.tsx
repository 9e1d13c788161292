// SPDX-License-Identifier: UNLICENSED
// Every finding of the case: AI-incident findings and PII matches (each resting on log records), and
// the findings recorded only as signed custody events — model diffs an examiner recorded, pickle
// scans at import — with the evidence items involved, who recorded them when, and the event's hash.
import { useMemo, useState } from 'react';
import type { FindingView } from '../../shared/api/types.js';
import { api } from '../api/vault.js';
import { Badge } from '../components/Badge.js';
import { CopyButton } from '../components/CopyButton.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { findingLabel, formatCount, formatTime, SEVERITIES, shortHex } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';
import type { RecordTarget } from './CaseView.js';

type Kind = 'findings' | 'ai' | 'model' | 'pii' | 'all';
const KINDS: Record<Kind, (f: FindingView) => boolean> = {
  findings: (f) => !f.type.startsWith('pii.'),
  ai: (f) => f.type.startsWith('ai.'),
  model: (f) => f.record === null,
  pii: (f) => f.type.startsWith('pii.'),
  all: () => true,
};

/** The evidence items a recorded finding involves: both sides of a diff (a side on disk by its path). */
function Items({ f, onOpenModel }: { f: FindingView; onOpenModel: (evidenceId: string) => void }) {
  const items = f.recorded?.items ?? [];
  return (
    <ul className="plain finding-items" aria-label="Evidence involved">
      {items.map((x, i) => (
        <li key={i} className="mono small">
          {items.length === 2 && <span className="muted">{i === 0 ? 'A ' : 'B '}</span>}
          {x.evidence !== null ? (
            <button type="button" className="link mono" onClick={() => onOpenModel(x.evidence!)} title="Open its model view on the Evidence tab">
              {x.name}
            </button>
          ) : (
            <>
              {x.name}
              <span className="muted"> (file on disk)</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function Recorded({ r }: { r: NonNullable<FindingView['recorded']> }) {
  return (
    <div className="muted small recorded-by">
      Recorded by {r.actorName ?? shortHex(r.actor, 16)}, {formatTime(r.at)} · custody event #{r.seq} · hash <span className="mono">{shortHex(r.hash, 16)}</span> <CopyButton text={r.hash} label={`Copy the hash of custody event #${r.seq}`} />
    </div>
  );
}

export function FindingsPanel({ caseId, onOpenRecord, onOpenModel }: { caseId: string; onOpenRecord: (t: RecordTarget) => void; onOpenModel: (evidenceId: string) => void }) {
  const list = useLoad(() => api.findings({ caseId }), [caseId]);
  const [severity, setSeverity] = useState<string>('all');
  const [kind, setKind] = useState<Kind>('findings');
  const shown = useMemo(() => (list.data ?? []).filter((f) => (severity === 'all' || f.severity === severity) && KINDS[kind](f)).slice(0, 1000), [list.data, severity, kind]);
  return (
    <div className="stack">
      <div className="section-head">
        <h2>Findings</h2>
        <div className="toolbar">
          <label className="sr-only" htmlFor="f-kind">
            Kind
          </label>
          <select id="f-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="findings">AI-incident and model findings</option>
            <option value="ai">AI-incident findings</option>
            <option value="model">Model findings (diffs, pickle scans)</option>
            <option value="pii">PII matches</option>
            <option value="all">All</option>
          </select>
          <label className="sr-only" htmlFor="f-sev">
            Severity
          </label>
          <select id="f-sev" value={severity} onChange={(e) => setSeverity(e.target.value)}>
            <option value="all">Any severity</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorNote error={list.error} />
      {list.data && (
        <p className="muted small" role="status">
          {formatCount(shown.length)} shown of {formatCount(list.data.length)}
          {list.data.length >= 5000 ? '+' : ''} finding(s). Log findings rest on the records named (open one to see it in its log); model findings rest on their signed custody event.
        </p>
      )}
      {shown.length > 0 && (
        <table className="table findings">
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Finding</th>
              <th scope="col">Where</th>
              <th scope="col">Why</th>
              <th scope="col">ATLAS</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((f, i) => (
              <tr key={i} data-type={f.type}>
                <td>
                  <Badge tone={f.severity}>{f.severity}</Badge>
                </td>
                <td>
                  <div className="strong">{findingLabel(f.type)}</div>
                  <div className="muted small mono">{f.rule}</div>
                </td>
                <td>
                  {f.record !== null ? (
                    <>
                      <button type="button" className="link mono" onClick={() => onOpenRecord({ evidenceId: f.evidence, record: f.record! })}>
                        {f.evidenceName} #{f.record}
                      </button>
                      {f.records.length > 1 && <div className="muted small">+{f.records.length - 1} more record(s)</div>}
                    </>
                  ) : (
                    <Items f={f} onOpenModel={onOpenModel} />
                  )}
                </td>
                <td className="why">
                  {f.explanation}
                  {f.recorded && <Recorded r={f.recorded} />}
                </td>
                <td className="mono small">{f.atlas ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
