// SPDX-License-Identifier: UNLICENSED
// The Incident tab of a case: the record grouped as the report prints it, the vault's proposals,
// the deadlines with live countdowns and missing fields, the notification log and the history.
// Every change is a signed custody event made by the services; after each, everything reloads
// from the vault (the record is the fold of those events, never a copy kept here).
import { useState } from 'react';
import { api } from '../api/vault.js';
import type { IncidentChangeView, IncidentProposalView } from '../../shared/api/incidentTypes.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { browserZone, rawOf } from '../lib/incidentInput.js';
import { useLoad } from '../lib/useLoad.js';
import { IncidentDeadlines } from './IncidentDeadlines.js';
import { IncidentForm, type Editing } from './IncidentForm.js';
import { IncidentHistory } from './IncidentHistory.js';
import { IncidentNotifications } from './IncidentNotifications.js';
import { IncidentProposals } from './IncidentProposals.js';

export function IncidentPanel({ caseId }: { caseId: string }) {
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [message, setMessage] = useState<string>();
  const view = useLoad(() => api.incident({ caseId }), [caseId, version]);
  const proposals = useLoad(() => api.incidentSuggestions({ caseId }), [caseId, version]);
  // The examiner's zone as recorded, else this computer's.
  const recordedZone = view.data?.groups.find((g) => g.id === 'examiner')?.fields.find((f) => f.id === 'examiner.timeZone')?.value;
  const zone = typeof recordedZone === 'string' ? recordedZone : browserZone();
  const deadlines = useLoad(() => api.incidentDeadlines({ caseId, zone }), [caseId, version, zone]);

  const v = view.data;
  const sealed = v?.case.sealed ?? true;
  const fieldById = (id: string) => v?.groups.flatMap((g) => g.fields).find((f) => f.id === id);

  const changed = (text: string) => {
    setEditing(null);
    setMessage(text);
    setVersion((n) => n + 1);
  };
  // Keyboard users land back on the field they edited.
  const focusField = (id: string) => requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-field="${id}"] .field-value button`)?.focus());
  const cancel = () => {
    if (editing) focusField(editing.field);
    setEditing(null);
  };
  const onSaved = (r: IncidentChangeView) => {
    focusField(r.field);
    changed(r.changed ? `${fieldById(r.field)?.label ?? r.field} recorded as event ${r.seq}` : `${fieldById(r.field)?.label ?? r.field} unchanged; nothing recorded`);
  };
  const edit = (id: string) => {
    const f = fieldById(id);
    if (f) setEditing({ field: id, initial: rawOf(f.kind, f.value), source: null });
    setMessage(undefined);
  };
  const editProposal = (p: IncidentProposalView) => {
    const f = fieldById(p.field);
    if (!f) return;
    setEditing({ field: p.field, initial: rawOf(f.kind, p.value), source: p.source });
    setMessage(undefined);
    requestAnimationFrame(() => document.querySelector(`[data-field="${p.field}"]`)?.scrollIntoView({ block: 'center' }));
  };

  return (
    <div className="incident-panel">
      <ErrorNote error={view.error} />
      {message && (
        <p className="saved-note" role="status">
          {message}
        </p>
      )}
      {sealed && v && <p className="notice">This case is sealed: the incident record can be read and reported, not changed.</p>}
      <div className="incident-layout">
        <div className="incident-main">
          <ErrorNote error={proposals.error} />
          {proposals.data && v && <IncidentProposals caseId={caseId} proposals={proposals.data} sealed={sealed} onAccepted={changed} onEdit={editProposal} />}
          {v && <IncidentForm caseId={caseId} groups={v.groups} sealed={sealed} editing={editing} onEdit={edit} onCancel={cancel} onSaved={onSaved} />}
        </div>
        <aside className="incident-side" aria-label="Deadlines and filings">
          <ErrorNote error={deadlines.error} />
          {deadlines.data && <IncidentDeadlines data={deadlines.data} />}
          {v && <IncidentNotifications caseId={caseId} notifications={v.notifications} deadlines={deadlines.data} sealed={sealed} onLogged={changed} />}
        </aside>
      </div>
      {v && <IncidentHistory history={v.history} />}
    </div>
  );
}
