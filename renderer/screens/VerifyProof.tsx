// SPDX-License-Identifier: UNLICENSED
// A record proof or disclosure package checked in the page (pure: bytes in, checks out; Ed25519 by
// @noble/ed25519), and its result. The Verify screen (Verify.tsx) decides which files are packages.
import { ed25519Verify } from '../../shared/crypto/ed25519.js';
import { keyFingerprint } from '../../shared/crypto/keyFingerprint.js';
import { fromHex } from '../../shared/encoding.js';
import { parsePackage, verifyRecordProof, type ProofReport, type RecordProofPackage } from '../../shared/proofs/recordProof.js';
import { Fingerprint } from '../components/Fingerprint.js';
import { checkText } from '../lib/proofChecks.js';
import { formatTime } from '../lib/format.js';

export interface PackageOutcome {
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

export function checkPackage(file: string, bytes: Uint8Array, trusted?: { name: string; key: Uint8Array }): PackageOutcome {
  const parsed = parsePackage(bytes);
  const report = verifyRecordProof(parsed, ed25519Verify, trusted?.key);
  return { file, report, pkg: parsed && typeof parsed === 'object' ? (parsed as Partial<RecordProofPackage>) : null, trustedFile: trusted?.name };
}

export function PackageResult({ outcome }: { outcome: PackageOutcome }) {
  const r = outcome.report;
  const fp = signerFingerprint(outcome.pkg);
  return (
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
  );
}
