// SPDX-License-Identifier: UNLICENSED
import { useState, type FormEvent } from 'react';
import { api } from '../api/vault.js';
import type { IdentitySummary } from '../../shared/api/types.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Field } from '../components/Field.js';
import { Fingerprint } from '../components/Fingerprint.js';

export function Unlock({ identities, onDone, onVerify, onNewIdentity, notice }: { identities: IdentitySummary[]; onDone: (i: IdentitySummary) => void; onVerify: () => void; onNewIdentity: () => void; notice?: string }) {
  const [fingerprint, setFingerprint] = useState(identities[0]?.fingerprint ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const chosen = identities.find((i) => i.fingerprint === fingerprint);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const identity = await api.unlock({ fingerprint, passphrase });
      setPassphrase('');
      onDone(identity);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="centered-page">
      <section className="panel narrow" aria-labelledby="unlock-title">
        <div className="brand-block">
          <span className="brand-mark" aria-hidden="true" />
          <div>
            <h1 id="unlock-title">Unlock Evidence Vault</h1>
            <p className="muted">Your key is decrypted in the application's main process; it never reaches this page.</p>
          </div>
        </div>
        {notice && <p className="notice">{notice}</p>}
        <form onSubmit={submit} className="form">
          <Field label="Examiner">
            {(id) => (
              <select id={id} value={fingerprint} onChange={(e) => setFingerprint(e.target.value)}>
                {identities.map((i) => (
                  <option key={i.fingerprint} value={i.fingerprint}>
                    {i.name}
                    {i.organisation ? ` — ${i.organisation}` : ''} ({i.fingerprint.slice(0, 8)})
                  </option>
                ))}
              </select>
            )}
          </Field>
          {chosen && <Fingerprint value={chosen.fingerprint} />}
          <Field label="Passphrase">{(id) => <input id={id} type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required autoFocus autoComplete="current-password" />}</Field>
          <ErrorNote error={error} />
          <div className="actions">
            <button type="button" className="ghost" onClick={onVerify}>
              Verify a file
            </button>
            <button type="button" className="ghost" onClick={onNewIdentity}>
              New identity
            </button>
            <button type="submit" className="primary" disabled={busy || !passphrase}>
              {busy ? 'Unlocking…' : 'Unlock'}
            </button>
          </div>
        </form>
      </section>
    </main>
  );
}
