// SPDX-License-Identifier: UNLICENSED
// Actions on the custody log: add a note, sign a checkpoint, transfer custody, seal the case.
import { useState, type FormEvent } from 'react';
import { api } from '../api/vault.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Field } from '../components/Field.js';

type Mode = 'note' | 'transfer' | 'seal' | null;

export function CustodyActions({ caseId, sealed, onDone }: { caseId: string; sealed: boolean; onDone: (message: string) => void }) {
  const [mode, setMode] = useState<Mode>(null);
  const [text, setText] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(undefined);
    try {
      onDone(await work());
      setMode(null);
      setText('');
      setTo('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'note') void run(async () => `Note recorded as event ${(await api.addNote({ caseId, text })).seq}`);
    if (mode === 'transfer') void run(async () => `Custody transferred (event ${(await api.transferCustody({ caseId, to: to.trim().toLowerCase().replace(/\s+/g, ''), reason: text.trim() || null })).seq})`);
    if (mode === 'seal') void run(async () => `Case ${(await api.sealCase({ caseId, reason: text.trim() || null })).number} sealed`);
  };

  const checkpoint = () => void run(async () => {
    const cp = await api.issueCheckpoint({ caseId });
    return `Checkpoint signed over ${cp.size} events (root ${cp.root.slice(0, 16)}…)`;
  });

  return (
    <div className="custody-actions">
      <div className="toolbar">
        <button type="button" onClick={() => setMode(mode === 'note' ? null : 'note')} disabled={sealed} aria-expanded={mode === 'note'}>
          Add note
        </button>
        <button type="button" onClick={checkpoint} disabled={busy}>
          Sign checkpoint
        </button>
        <button type="button" onClick={() => setMode(mode === 'transfer' ? null : 'transfer')} disabled={sealed} aria-expanded={mode === 'transfer'}>
          Transfer custody
        </button>
        <button type="button" className="danger" onClick={() => setMode(mode === 'seal' ? null : 'seal')} disabled={sealed} aria-expanded={mode === 'seal'}>
          Seal case
        </button>
      </div>
      {mode && (
        <form className="panel form" onSubmit={submit} aria-label={mode === 'note' ? 'Add note' : mode === 'transfer' ? 'Transfer custody' : 'Seal case'}>
          {mode === 'transfer' && <Field label="Recipient's key fingerprint">{(id) => <input id={id} className="mono" value={to} onChange={(e) => setTo(e.target.value)} required autoFocus />}</Field>}
          <Field label={mode === 'note' ? 'Note' : 'Reason (optional)'} hint={mode === 'seal' ? 'After sealing, the case accepts only verification and export. This cannot be undone.' : undefined}>
            {(id) => <textarea id={id} rows={3} value={text} onChange={(e) => setText(e.target.value)} required={mode === 'note'} autoFocus={mode !== 'transfer'} />}
          </Field>
          <div className="actions">
            <button type="button" className="ghost" onClick={() => setMode(null)}>
              Cancel
            </button>
            <button type="submit" className={mode === 'seal' ? 'danger' : 'primary'} disabled={busy}>
              {mode === 'note' ? 'Sign and add note' : mode === 'transfer' ? 'Sign transfer' : 'Seal case'}
            </button>
          </div>
        </form>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
