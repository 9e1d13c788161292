// SPDX-License-Identifier: UNLICENSED
// The incident record grouped as the report prints it (regulatory.md §7): each field with its
// value ("Not supplied" when empty), the custody event that set it and, for an accepted proposal,
// where the value came from. One field is edited at a time, in place.
import type { IncidentChangeView, IncidentGroupView } from '../../shared/api/incidentTypes.js';
import { displayValue } from '../../shared/incident/display.js';
import type { RawInput } from '../lib/incidentInput.js';
import { IncidentFieldEditor } from './IncidentFieldEditor.js';

export interface Editing {
  field: string;
  initial: RawInput;
  /** Set when the editor starts from a vault proposal. */
  source: string | null;
}

export function IncidentForm({ caseId, groups, sealed, editing, onEdit, onCancel, onSaved }: { caseId: string; groups: IncidentGroupView[]; sealed: boolean; editing: Editing | null; onEdit: (field: string) => void; onCancel: () => void; onSaved: (r: IncidentChangeView) => void }) {
  return (
    <div className="incident-groups">
      {groups.map((g) => {
        const filled = g.fields.filter((f) => f.value !== null).length;
        return (
          <section key={g.id} className="panel incident-group" aria-labelledby={`group-${g.id}`} data-group={g.id}>
            <div className="section-head">
              <h3 id={`group-${g.id}`}>
                <span className="muted section-no">§{g.section}</span> {g.title}
              </h3>
              <span className="muted small">
                {filled} of {g.fields.length} supplied
              </span>
            </div>
            <dl className="incident-fields">
              {g.fields.map((f) => (
                <div key={f.id} className={`incident-field ${f.value === null ? 'unset' : ''}`} data-field={f.id}>
                  <dt>
                    <span>{f.label}</span>
                    <span className="mono field-id">{f.id}</span>
                  </dt>
                  <dd>
                    {editing?.field === f.id ? (
                      <IncidentFieldEditor caseId={caseId} field={f} initial={editing.initial} source={editing.source} onDone={onSaved} onCancel={onCancel} />
                    ) : (
                      <div className="field-value">
                        <div>
                          <div className={f.value === null ? 'muted not-supplied' : 'value-text'}>{displayValue(f.value)}</div>
                          {f.seq !== null && (
                            <div className="muted small">
                              event {f.seq}
                              {f.source ? ` · ${f.source}` : ' · entered by the examiner'}
                            </div>
                          )}
                        </div>
                        {!sealed && (
                          <button type="button" className="small" aria-label={`Edit ${f.label}`} onClick={() => onEdit(f.id)}>
                            {f.value === null ? 'Add' : 'Edit'}
                          </button>
                        )}
                      </div>
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
