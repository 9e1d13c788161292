// SPDX-License-Identifier: UNLICENSED
// An action that needs a destination path: the native save dialog in the desktop app (shown by
// main), or a typed path in a browser session (a web page cannot learn or choose real paths).
import { useState, type FormEvent } from 'react';
import { api } from '../api/vault.js';
import type { SavePurpose } from '../../shared/api/contract.js';
import { ErrorNote } from './ErrorNote.js';

export function PathAction({ label, nativeDialogs, suggestedName, folder, purpose, run, placeholder }: { label: string; nativeDialogs: boolean; suggestedName: string; folder?: boolean; purpose?: SavePurpose; run: (path: string) => Promise<string>; placeholder: string }) {
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<unknown>();

  const go = async (target: string) => {
    setBusy(true);
    setError(undefined);
    try {
      setDone(await run(target));
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const start = async () => {
    if (!nativeDialogs) return setOpen(!open);
    try {
      const chosen = await api.pickSavePath({ suggestedName, folder, ...(purpose ? { purpose } : {}) });
      if (chosen) await go(chosen);
    } catch (err) {
      setError(err);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void go(path.trim());
  };
  return (
    <div className="path-action">
      <button type="button" className="small" onClick={start} disabled={busy} aria-expanded={nativeDialogs ? undefined : open}>
        {busy ? 'Working…' : label}
      </button>
      {open && (
        <form onSubmit={submit} className="inline-form">
          <input className="mono" aria-label={`${label}: destination path`} value={path} onChange={(e) => setPath(e.target.value)} placeholder={placeholder} autoFocus />
          <button type="submit" className="primary small" disabled={busy || !path.trim()}>
            {label}
          </button>
        </form>
      )}
      {done && (
        <p className="ok-text small" role="status">
          {done}
        </p>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
