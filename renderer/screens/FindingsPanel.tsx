// SPDX-License-Identifier: UNLICENSED
import { useMemo, useState } from 'react';
import { api } from '../api/vault.js';
import { Badge } from '../components/Badge.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { findingLabel, formatCount, SEVERITIES } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';
import type { RecordTarget } from './CaseView.js';

export function FindingsPanel({ caseId, onOpenRecord }: { caseId: string; onOpenRecord: (t: RecordTarget) => void }) {
  const list = useLoad(() => api.findings({ caseId }), [caseId]);
  const [severity, setSeverity] = useState<string>('all');
  const [kind, setKind] = useState<'all' | 'ai' | 'pii'>('ai');
  const shown = useMemo(
    () => (list.data ?? []).filter((f) => (severity === 'all' || f.severity === severity) && (kind === 'all' || f.type.startsWith(`${kind}.`))).slice(0, 1000),
    [list.data, severity, kind],
  );
  return (
    <div className="stack">
      <div className="section-head">
        <h2>Findings</h2>
        <div className="toolbar">
          <label className="sr-only" htmlFor="f-kind">
            Kind
          </label>
          <select id="f-kind" value={kind} onChange={(e) => setKind(e.target.value as 'all' | 'ai' | 'pii')}>
            <option value="ai">AI-incident findings</option>
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
          {list.data.length >= 5000 ? '+' : ''} finding(s). Each rests on the records named; open one to see it in its log.
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
              <tr key={i}>
                <td>
                  <Badge tone={f.severity}>{f.severity}</Badge>
                </td>
                <td>
                  <div className="strong">{findingLabel(f.type)}</div>
                  <div className="muted small mono">{f.rule}</div>
                </td>
                <td>
                  <button type="button" className="link mono" onClick={() => onOpenRecord({ evidenceId: f.evidence, record: f.record })}>
                    {f.evidenceName} #{f.record}
                  </button>
                  {f.records.length > 1 && <div className="muted small">+{f.records.length - 1} more record(s)</div>}
                </td>
                <td className="why">{f.explanation}</td>
                <td className="mono small">{f.atlas ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
