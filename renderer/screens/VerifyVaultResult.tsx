// SPDX-License-Identifier: UNLICENSED
import type { VaultVerificationView } from '../../shared/api/types.js';
import { formatTime } from '../lib/format.js';

/** verify-vault as a list of checks an investigator can read: each passed or failed, with the problems under it. */
export function VerifyVaultResult({ result }: { result: VaultVerificationView }) {
  const c = result.counts;
  return (
    <section className={`verify-result ${result.ok ? 'ok' : 'fail'}`} aria-label="Vault verification">
      <h3 role="status">{result.ok ? 'Vault verified: everything is as it was recorded' : 'Verification FAILED: the vault is not as it was recorded'}</h3>
      <p className="muted small">
        {formatTime(result.at)} · {c.logs} logs, {c.events} signed events, {c.evidence} evidence items, {c.objects} objects re-hashed, {c.checkpoints} checkpoints
      </p>
      <ul className="checks">
        {result.checks.map((check) => (
          <li key={check.id} className={check.ok ? 'pass' : 'fail'} data-check={check.id}>
            <span className="check-mark" aria-hidden="true">
              {check.ok ? '✓' : '✗'}
            </span>
            <span className="sr-only">{check.ok ? 'Passed:' : 'Failed:'}</span>
            <span>{check.label}</span>
            {check.problems.length > 0 && (
              <ul className="problems">
                {check.problems.map((p, i) => (
                  <li key={i}>
                    <code>{p.code}</code> {p.where && <span className="muted">{p.where}: </span>}
                    {p.message}
                    {(p.expected || p.found) && (
                      <div className="mono small">
                        expected {p.expected ?? '—'} · found {p.found ?? '—'}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {result.warnings.length > 0 && (
        <ul className="warnings">
          {result.warnings.map((w, i) => (
            <li key={i}>
              <code>{w.code}</code> {w.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
