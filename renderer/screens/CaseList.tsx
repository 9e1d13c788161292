// SPDX-License-Identifier: UNLICENSED
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../api/vault.js';
import type { CaseSummary } from '../../shared/api/types.js';
import { Badge } from '../components/Badge.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Field } from '../components/Field.js';
import { formatTime } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';

function NewCaseForm({ onCreated, onCancel }: { onCreated: (c: CaseSummary) => void; onCancel: () => void }) {
  const [number, setNumber] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onCreated(await api.createCase({ number: number.trim(), title: title.trim(), description: description.trim() || null }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel form" onSubmit={submit} aria-label="New case">
      <h2>Open a new case</h2>
      <div className="form-row">
        <Field label="Case number">{(id) => <input id={id} value={number} onChange={(e) => setNumber(e.target.value)} required autoFocus placeholder="e.g. 2026-014" />}</Field>
        <Field label="Title">{(id) => <input id={id} value={title} onChange={(e) => setTitle(e.target.value)} required placeholder="e.g. Chatbot data leak" />}</Field>
      </div>
      <Field label="Description (optional)">{(id) => <textarea id={id} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="button" className="ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Open case
        </button>
      </div>
    </form>
  );
}

export function CaseList({ onOpen }: { onOpen: (c: CaseSummary) => void }) {
  const cases = useLoad(() => api.listCases(), []);
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (cases.data ?? []).filter((c) => !q || `${c.number} ${c.title} ${c.description ?? ''}`.toLowerCase().includes(q));
  }, [cases.data, query]);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Cases</h1>
          <p className="muted">{cases.data ? `${cases.data.length} case(s) in this vault` : ' '}</p>
        </div>
        <div className="toolbar">
          <input type="search" placeholder="Search cases" aria-label="Search cases" value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New case
          </button>
        </div>
      </div>
      {creating && (
        <NewCaseForm
          onCancel={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            onOpen(c);
          }}
        />
      )}
      <ErrorNote error={cases.error} />
      {cases.data && cases.data.length === 0 && !creating && (
        <div className="empty">
          <h2>No cases yet</h2>
          <p>Open a case to start importing evidence.</p>
        </div>
      )}
      {shown.length > 0 && (
        <table className="table cases">
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Title</th>
              <th scope="col" className="num">
                Evidence
              </th>
              <th scope="col" className="num">
                Events
              </th>
              <th scope="col">Opened</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.id} className="clickable" onClick={() => onOpen(c)}>
                <td className="mono">
                  <button type="button" className="link" onClick={() => onOpen(c)}>
                    {c.number}
                  </button>
                </td>
                <td>{c.title}</td>
                <td className="num">{c.evidenceCount}</td>
                <td className="num">{c.eventCount}</td>
                <td>
                  {formatTime(c.createdAt)}
                  <div className="muted small">{c.createdByName}</div>
                </td>
                <td>{c.sealed ? <Badge tone="info">Sealed</Badge> : <Badge tone="ok">Open</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
