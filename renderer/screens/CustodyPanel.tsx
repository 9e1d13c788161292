// SPDX-License-Identifier: UNLICENSED
// The case's custody log as a timeline — who, when, what, and the event's hash — with verify-now.
import { useState } from 'react';
import { api } from '../api/vault.js';
import type { CustodyEventView, VaultVerificationView } from '../../shared/api/types.js';
import { CopyButton } from '../components/CopyButton.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { actionLabel, formatTime, shortHex } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';
import { CustodyActions } from './CustodyActions.js';
import { VerifyVaultResult } from './VerifyVaultResult.js';

/** One side of a recorded model diff: the evidence item's name, or the path on disk. */
const side = (x: unknown): string => {
  const s = (x ?? {}) as { name?: unknown; path?: unknown };
  return String(s.name ?? s.path ?? '?');
};

function summary(e: CustodyEventView): string {
  const d = (e.details ?? {}) as Record<string, unknown>;
  switch (e.action) {
    case 'pii.revealed':
      return `record ${String(d.record)}: ${(d.piiTypes as string[] | undefined)?.join(', ') ?? ''}${d.reason ? ` — ${String(d.reason)}` : ''}`;
    case 'note.added':
      // Vaults from before the pii.revealed action recorded reveals as notes of this kind.
      return d.kind === 'pii.revealed' ? `record ${String(d.record)}: ${(d.piiTypes as string[] | undefined)?.join(', ') ?? ''}` : String(d.text ?? '');
    case 'evidence.acquired':
      return `${String(d.name)} · SHA-256 ${shortHex(String(d.sha256), 16)}`;
    case 'evidence.verified':
      return `${String(d.outcome)}${d.outcome !== 'match' ? ` (expected ${shortHex(String(d.expected))})` : ''}`;
    case 'evidence.exported':
      return `${d.kind === 'disclosure' ? 'disclosure package' : 'copy'} → ${String(d.destination)}`;
    case 'case.created':
      return `${String(d.number)} — ${String(d.title)}`;
    case 'checkpoint.issued':
      return `tree size ${String(d.size)}, root ${shortHex(String(d.root), 16)}`;
    case 'finding.recorded':
      if (d.type === 'pii.scan') return `PII scan: ${String(d.matches)} match(es)`;
      if (d.type === 'model.diff') return `model diff ${side(d.a)} vs ${side(d.b)}: ${String(d.summary ?? '')}`;
      if (d.type === 'model.pickle-scan') return `pickle scan: ${String(d.verdict)}`;
      return `${String(d.type ?? '')} ${d.count !== undefined ? `(${String(d.count)})` : ''}`;
    case 'manifest.issued':
      return `${d.format === 'oms' ? 'OpenSSF model signature' : 'hashdeep manifest'} of ${String(d.path)}: ${String(d.files)} file(s) → ${String(d.out ?? 'standard output')} · SHA-256 ${shortHex(String(d.sha256), 16)}`;
    case 'custody.transferred':
      return `to ${String(d.toName ?? shortHex(String(d.to)))}${d.reason ? ` — ${String(d.reason)}` : ''}`;
    case 'case.sealed':
      return d.reason ? String(d.reason) : '';
    case 'incident.updated':
      return `${String(d.field)}: ${d.new === null ? 'cleared' : `set (value SHA-256 ${shortHex(String(d.new))})`}${d.source ? ' from a vault proposal' : ''}`;
    case 'incident.notified': {
      const at = (d.at ?? {}) as { utc?: string };
      return `${String(d.regime)} → ${String(d.recipient)}, filed ${formatTime(at.utc)}`;
    }
    default:
      return '';
  }
}

export function CustodyPanel({ caseId, sealed, onChanged }: { caseId: string; sealed: boolean; onChanged: () => void }) {
  const events = useLoad(() => api.custodyEvents({ caseId }), [caseId]);
  const [verifying, setVerifying] = useState(false);
  const [result, setResult] = useState<VaultVerificationView>();
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState<string>();

  const verifyNow = async () => {
    setVerifying(true);
    setError(undefined);
    try {
      setResult(await api.verifyVault({}));
      // Re-hash this case's evidence too, so the outcome is recorded in its custody log.
      await api.verifyEvidence({ caseId });
      events.reload();
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setVerifying(false);
    }
  };

  const done = (m: string) => {
    setMessage(m);
    events.reload();
    onChanged();
  };

  return (
    <div className="custody">
      <div className="section-head">
        <h2>Custody log</h2>
        <button type="button" className="primary" onClick={verifyNow} disabled={verifying}>
          {verifying ? 'Verifying…' : 'Verify now'}
        </button>
      </div>
      <CustodyActions caseId={caseId} sealed={sealed} onDone={done} />
      {message && (
        <p className="ok-text" role="status">
          {message}
        </p>
      )}
      <ErrorNote error={error ?? events.error} />
      {result && <VerifyVaultResult result={result} />}
      <ol className="timeline" aria-label="Custody events">
        {(events.data ?? [])
          .slice()
          .reverse()
          .map((e) => (
            <li key={e.seq} className={`event ${e.action.replace('.', '-')}`} data-action={e.action}>
              <div className="event-seq mono">#{e.seq}</div>
              <div className="event-body">
                <div className="event-head">
                  <span className="strong">{actionLabel(e.action, e.details)}</span>
                  <span className="muted small">
                    {formatTime(e.at)} · {e.actorName ?? shortHex(e.actor)}
                  </span>
                </div>
                <div className="event-summary">{summary(e)}</div>
                <div className="event-hash mono small muted">
                  SHA-256 {shortHex(e.hash, 24)} <CopyButton text={e.hash} label={`Copy hash of event ${e.seq}`} />
                </div>
              </div>
            </li>
          ))}
      </ol>
    </div>
  );
}
