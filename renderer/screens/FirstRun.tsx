// SPDX-License-Identifier: UNLICENSED
// First run: create the examiner identity. The passphrase goes to main, which derives the key
// encryption key and keeps the private key; the page only ever sees the fingerprint.
import { useState, type FormEvent } from 'react';
import { api } from '../api/vault.js';
import type { IdentitySummary } from '../../shared/api/types.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Field } from '../components/Field.js';
import { Fingerprint } from '../components/Fingerprint.js';
import { passphraseStrength } from '../lib/passphrase.js';

export function FirstRun({ onDone, onVerify }: { onDone: (identity: IdentitySummary) => void; onVerify: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<IdentitySummary>();
  const strength = passphraseStrength(passphrase);
  const mismatch = confirm.length > 0 && confirm !== passphrase;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mismatch || passphrase.length < 8) return;
    setBusy(true);
    setError(undefined);
    try {
      setCreated(await api.createIdentity({ name: name.trim(), role: role.trim() || null, organisation: organisation.trim() || null, passphrase }));
      setPassphrase('');
      setConfirm('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <main className="centered-page">
        <section className="panel narrow" aria-labelledby="fp-title">
          <h1 id="fp-title">Your examiner identity is ready</h1>
          <p>
            Write this fingerprint down and keep it apart from this computer. Anyone checking your signatures compares it with the one in the
            custody log and reports.
          </p>
          <Fingerprint value={created.fingerprint} />
          <dl className="facts">
            <dt>Name</dt>
            <dd>{created.name}</dd>
            {created.role && (
              <>
                <dt>Role</dt>
                <dd>{created.role}</dd>
              </>
            )}
            {created.organisation && (
              <>
                <dt>Organisation</dt>
                <dd>{created.organisation}</dd>
              </>
            )}
          </dl>
          <div className="actions">
            <button type="button" className="primary" onClick={() => onDone(created)} autoFocus>
              I have written it down — continue
            </button>
          </div>
        </section>
      </main>
    );
  }

  return (
    <main className="centered-page">
      <section className="panel narrow" aria-labelledby="first-title">
        <div className="brand-block">
          <span className="brand-mark" aria-hidden="true" />
          <div>
            <h1 id="first-title">Set up Evidence Vault</h1>
            <p className="muted">Create your examiner identity. Every action you take is signed with its key.</p>
          </div>
        </div>
        <form onSubmit={submit} className="form">
          <Field label="Full name">{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} required autoFocus autoComplete="name" />}</Field>
          <div className="form-row">
            <Field label="Role">{(id) => <input id={id} value={role} onChange={(e) => setRole(e.target.value)} placeholder="e.g. Forensic analyst" autoComplete="organization-title" />}</Field>
            <Field label="Organisation">{(id) => <input id={id} value={organisation} onChange={(e) => setOrganisation(e.target.value)} autoComplete="organization" />}</Field>
          </div>
          <Field
            label="Passphrase"
            hint={
              <span className={`strength s${strength.score}`} aria-live="polite">
                <span className="meter" aria-hidden="true">
                  <span />
                </span>
                {strength.label}
                {passphrase && strength.bits > 0 ? ` · about ${strength.bits} bits` : ''}
              </span>
            }
          >
            {(id) => <input id={id} type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required minLength={8} autoComplete="new-password" />}
          </Field>
          <Field label="Repeat passphrase" hint={mismatch ? <span className="fail-text">The passphrases differ</span> : undefined}>
            {(id) => <input id={id} type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required autoComplete="new-password" aria-invalid={mismatch} />}
          </Field>
          <p className="muted small">
            The passphrase encrypts your private key on this computer (scrypt, AES-256-GCM). It cannot be recovered: without it the key is
            unusable.
          </p>
          <ErrorNote error={error} />
          <div className="actions">
            <button type="button" className="ghost" onClick={onVerify}>
              Verify a file instead
            </button>
            <button type="submit" className="primary" disabled={busy || mismatch || passphrase.length < 8 || !name.trim()}>
              {busy ? 'Creating key…' : 'Create identity'}
            </button>
          </div>
        </form>
      </section>
    </main>
  );
}
