// SPDX-License-Identifier: UNLICENSED
// Verify a record proof or disclosure package, with no vault and no identity: the shared verifier
// runs here in the page (pure: bytes in, checks out; Ed25519 by @noble/ed25519). Report PDFs come
// with the report feature.
import { useState, type DragEvent } from 'react';
import { ed25519Verify } from '../../shared/crypto/ed25519.js';
import { ed25519PublicKeyFromPem, keyFingerprint } from '../../shared/crypto/keyFingerprint.js';
import { fromHex } from '../../shared/encoding.js';
import { parsePackage, verifyRecordProof, type ProofReport, type RecordProofPackage } from '../../shared/proofs/recordProof.js';
import { Fingerprint } from '../components/Fingerprint.js';
import { checkText } from '../lib/proofChecks.js';
import { formatTime } from '../lib/format.js';

interface Outcome {
  file: string;
  report: ProofReport;
  pkg: Partial<RecordProofPackage> | null;
  trustedFile?: string;
}

function signerFingerprint(pkg: Partial<RecordProofPackage> | null): string | undefined {
  try {
    return pkg?.signer?.publicKey ? keyFingerprint(fromHex(pkg.signer.publicKey)) : undefined;
  } catch {
    return undefined;
  }
}

export function VerifyProof() {
  const [outcome, setOutcome] = useState<Outcome>();
  const [trusted, setTrusted] = useState<{ name: string; key: Uint8Array }>();
  const [keyError, setKeyError] = useState<string>();
  const [over, setOver] = useState(false);

  const check = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const parsed = parsePackage(bytes);
    const report = verifyRecordProof(parsed, ed25519Verify, trusted?.key);
    setOutcome({ file: file.name, report, pkg: parsed && typeof parsed === 'object' ? (parsed as Partial<RecordProofPackage>) : null, trustedFile: trusted?.name });
  };

  const loadKey = async (file: File) => {
    try {
      setTrusted({ name: file.name, key: ed25519PublicKeyFromPem(await file.text()) });
      setKeyError(undefined);
    } catch (err) {
      setKeyError(`${file.name} is not an Ed25519 public key in PEM form (${(err as Error).message})`);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void check(file);
  };

  const r = outcome?.report;
  const fp = signerFingerprint(outcome?.pkg ?? null);
  return (
    <div className="page verify-page">
      <div className="page-head">
        <div>
          <h1>Verify</h1>
          <p className="muted">Check a record proof or disclosure package offline. Nothing is uploaded; no vault is needed.</p>
        </div>
      </div>
      <div className={`dropzone ${over ? 'over' : ''}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop}>
        <p className="strong">Drop disclosure.json here</p>
        <label className="button">
          Choose file…
          <input type="file" accept=".json,application/json" className="sr-only" aria-label="Package file to verify" onChange={(e) => e.target.files?.[0] && void check(e.target.files[0])} />
        </label>
        <label className="button ghost">
          Trusted key (PEM)…
          <input type="file" accept=".pem" className="sr-only" aria-label="Trusted examiner public key (PEM)" onChange={(e) => e.target.files?.[0] && void loadKey(e.target.files[0])} />
        </label>
        <p className="muted small">{trusted ? `Checking against ${trusted.name} (${keyFingerprint(trusted.key).slice(0, 16)}…)` : 'Without a trusted key, the key inside the package is used: compare its fingerprint with the examiner’s.'}</p>
        {keyError && <p className="fail-text">{keyError}</p>}
      </div>
      {r && outcome && (
        <section className={`verify-result ${r.ok ? 'ok' : 'fail'}`} aria-label="Verification result">
          <h2 role="status">{r.ok ? `Verified: ${outcome.file}` : `Verification FAILED: ${outcome.file}`}</h2>
          {!r.ok && (
            <p className="fail-text">
              Failed: {r.checks.filter((c) => !c.ok).map((c) => `${checkText(c.name).title.toLowerCase()}${c.record !== undefined ? ` (record ${c.record})` : ''}`).join('; ')}. Do not rely on this package.
            </p>
          )}
          <p>
            {r.verifiedRecords.length} record(s) verified byte for byte{r.redactedRecords.length ? `, ${r.redactedRecords.length} disclosed redacted (existence and position proven; the shown text cannot be checked)` : ''}.
          </p>
          {outcome.pkg?.evidence && (
            <dl className="facts compact">
              <dt>Evidence</dt>
              <dd>{String(outcome.pkg.evidence.name)}</dd>
              <dt>SHA-256</dt>
              <dd className="mono">{String(outcome.pkg.evidence.sha256)}</dd>
              {outcome.pkg.disclosure && (
                <>
                  <dt>Disclosed</dt>
                  <dd>{formatTime(outcome.pkg.disclosure.at)}</dd>
                </>
              )}
            </dl>
          )}
          {fp && (
            <div>
              <p className="small muted">Signer’s key fingerprint — compare it with the one the examiner wrote down:</p>
              <Fingerprint value={fp} />
            </div>
          )}
          <ul className="checks">
            {r.checks.map((c, i) => {
              const t = checkText(c.name);
              return (
                <li key={i} className={c.ok ? 'pass' : 'fail'} data-check={c.name}>
                  <span className="check-mark" aria-hidden="true">
                    {c.ok ? '✓' : '✗'}
                  </span>
                  <span className="sr-only">{c.ok ? 'Passed:' : 'Failed:'}</span>
                  <div>
                    <div className="strong">
                      {t.title}
                      {c.record !== undefined ? ` (record ${c.record})` : ''}
                    </div>
                    <div className="muted small">{c.detail}</div>
                    {!c.ok && (
                      <>
                        {(c.expected || c.found) && (
                          <div className="mono small">
                            expected {c.expected ?? '—'} · found {c.found ?? '—'}
                          </div>
                        )}
                        <div className="advice">What to do: {t.onFail}</div>
                      </>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
