// SPDX-License-Identifier: UNLICENSED
// What the vault proposes from its own data (findings, PII detectors, model evidence), each with
// where it came from. Nothing is recorded until the examiner accepts (the event names the source)
// or edits the value into their own.
import { useState } from 'react';
import { api } from '../api/vault.js';
import type { IncidentProposalView } from '../../shared/api/incidentTypes.js';
import { displayValue } from '../../shared/incident/display.js';
import { Badge } from '../components/Badge.js';
import { ErrorNote } from '../components/ErrorNote.js';

export function IncidentProposals({ caseId, proposals, sealed, onAccepted, onEdit }: { caseId: string; proposals: IncidentProposalView[]; sealed: boolean; onAccepted: (message: string) => void; onEdit: (p: IncidentProposalView) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const open = proposals.filter((p) => p.differs);

  const accept = async (fields: string[]) => {
    setBusy(true);
    setError(undefined);
    try {
      const done = await api.acceptIncidentSuggestions({ caseId, fields });
      const seqs = done.filter((r) => r.changed).map((r) => r.seq);
      onAccepted(`${seqs.length} proposal(s) accepted and recorded (event${seqs.length === 1 ? '' : 's'} ${seqs.join(', ')})`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel proposals" aria-labelledby="proposals-title">
      <div className="section-head">
        <div>
          <h2 id="proposals-title">Proposed by the vault</h2>
          <p className="muted small">From the case’s own findings, PII detectors and model evidence. Accepting records the value with its source; nothing is recorded until you do.</p>
        </div>
        {!sealed && open.length > 1 && (
          <button type="button" disabled={busy} onClick={() => void accept(open.map((p) => p.field))}>
            Accept all {open.length}
          </button>
        )}
      </div>
      <ErrorNote error={error} />
      {proposals.length === 0 ? (
        <p className="muted">Nothing to propose yet: no findings, PII or model evidence in this case.</p>
      ) : (
        <ul className="proposal-list">
          {proposals.map((p) => (
            <li key={p.field} data-proposal={p.field} className={p.differs ? '' : 'recorded'}>
              <div className="proposal-main">
                <div>
                  <span className="strong">{p.label}</span> <span className="mono muted small">{p.field}</span>
                </div>
                <div className="value-text proposal-value">{displayValue(p.value)}</div>
                <div className="muted small">Source: {p.source}</div>
              </div>
              <div className="row-buttons">
                {!p.differs ? (
                  <Badge tone="ok">Recorded</Badge>
                ) : (
                  !sealed && (
                    <>
                      <button type="button" className="small primary" disabled={busy} aria-label={`Accept ${p.label}`} onClick={() => void accept([p.field])}>
                        Accept
                      </button>
                      <button type="button" className="small" aria-label={`Edit proposal for ${p.label}`} onClick={() => onEdit(p)}>
                        Edit…
                      </button>
                    </>
                  )
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
