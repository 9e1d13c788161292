// SPDX-License-Identifier: UNLICENSED
// Editing one field of the incident record: a control fitting its kind, Save (a signed
// incident.updated event), Clear (an event whose new value is null), Cancel (Escape). What is typed
// is parsed by the services, and their error is shown here, under the field.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { api } from '../api/vault.js';
import type { IncidentChangeView, IncidentFieldView } from '../../shared/api/incidentTypes.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Field } from '../components/Field.js';
import { nowRfc3339, type RawInput } from '../lib/incidentInput.js';

const LONG_GROUPS = ['narrative', 'assessment', 'opinions', 'methods'];
const TIME_HINT = 'RFC 3339 with the offset you read it in, e.g. 2026-11-20T09:15:00+01:00 or …08:15:00Z';

export function IncidentFieldEditor({ caseId, field, initial, source, onDone, onCancel }: { caseId: string; field: IncidentFieldView; initial: RawInput; source: string | null; onDone: (r: IncidentChangeView) => void; onCancel: () => void }) {
  const [raw, setRaw] = useState<RawInput>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const set = (patch: Partial<RawInput>) => setRaw((r) => ({ ...r, ...patch }));

  const save = async (clear: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const k = field.kind;
      const input = clear
        ? { caseId, field: field.id, clear: true }
        : k === 'time'
          ? { caseId, field: field.id, at: raw.at }
          : k === 'measure'
            ? { caseId, field: field.id, value: raw.value, status: raw.status, ...(raw.at.trim() ? { at: raw.at } : {}) }
            : { caseId, field: field.id, value: raw.value };
      // An accepted proposal is recorded with its source by acceptIncidentSuggestions; an edited one is the examiner's.
      onDone(await api.setIncidentField(input));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onCancel();
  };

  return (
    <form className="field-editor" onSubmit={submit} onKeyDown={onKey} aria-label={`Edit ${field.label}`}>
      {source && <p className="muted small">Proposed by the vault from {source}. Saving an edited value records it as yours.</p>}
      <Control field={field} raw={raw} set={set} />
      <ErrorNote error={error} />
      <div className="actions">
        {field.value !== null && (
          <button type="button" className="danger" disabled={busy} onClick={() => void save(true)}>
            Clear value
          </button>
        )}
        <button type="button" className="ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing…' : 'Save (signed)'}
        </button>
      </div>
    </form>
  );
}

function Control({ field, raw, set }: { field: IncidentFieldView; raw: RawInput; set: (p: Partial<RawInput>) => void }) {
  const { kind, label, options } = field;
  if (kind === 'time') {
    return (
      <Field label={label} hint={TIME_HINT}>
        {(id) => (
          <div className="inline-form">
            <input id={id} className="mono grow" autoFocus value={raw.at} onChange={(e) => set({ at: e.target.value })} placeholder="2026-11-20T09:15:00+01:00" />
            <button type="button" onClick={() => set({ at: nowRfc3339() })}>
              Now
            </button>
          </div>
        )}
      </Field>
    );
  }
  if (kind === 'bool' || kind === 'enum') {
    const choices = kind === 'bool' ? ['yes', 'no'] : (options ?? []);
    return (
      <Field label={label}>
        {(id) => (
          <select id={id} autoFocus value={raw.value} onChange={(e) => set({ value: e.target.value })}>
            <option value="">Choose…</option>
            {choices.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }
  if (kind === 'list' && options) {
    const chosen = raw.value.split(',').map((s) => s.trim()).filter(Boolean);
    const toggle = (o: string, on: boolean) => set({ value: options.filter((x) => (x === o ? on : chosen.includes(x))).join(', ') });
    return (
      <fieldset className="choice-list">
        <legend>{label}</legend>
        {options.map((o, i) => (
          <label key={o} className="check">
            <input type="checkbox" autoFocus={i === 0} checked={chosen.includes(o)} onChange={(e) => toggle(o, e.target.checked)} /> <span className="mono">{o}</span>
          </label>
        ))}
      </fieldset>
    );
  }
  if (kind === 'measure') {
    return (
      <div className="form-row measure-row">
        <Field label={label}>{(id) => <input id={id} autoFocus value={raw.value} onChange={(e) => set({ value: e.target.value })} />}</Field>
        <Field label="Status">
          {(id) => (
            <select id={id} value={raw.status} onChange={(e) => set({ status: e.target.value === 'done' ? 'done' : 'planned' })}>
              <option value="planned">planned</option>
              <option value="done">done</option>
            </select>
          )}
        </Field>
        <Field label="Date (optional)" hint={TIME_HINT}>
          {(id) => <input id={id} className="mono" value={raw.at} onChange={(e) => set({ at: e.target.value })} placeholder="2026-11-21T17:00:00+01:00" />}
        </Field>
      </div>
    );
  }
  const long = kind === 'text' && (LONG_GROUPS.some((g) => field.id.startsWith(`${g}.`)) || /certification|\.text$|description/.test(field.id));
  const hint = kind === 'list' ? 'Separate items with commas.' : kind === 'zone' ? 'An IANA name such as Europe/Berlin (this computer’s zone is filled in).' : kind === 'int' ? 'A whole number.' : undefined;
  return (
    <Field label={label} hint={hint}>
      {(id) => (long ? <textarea id={id} autoFocus rows={4} value={raw.value} onChange={(e) => set({ value: e.target.value })} /> : <input id={id} autoFocus inputMode={kind === 'int' ? 'numeric' : undefined} value={raw.value} onChange={(e) => set({ value: e.target.value })} />)}
    </Field>
  );
}
