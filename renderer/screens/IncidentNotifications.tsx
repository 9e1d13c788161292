// SPDX-License-Identifier: UNLICENSED
// The notification log: every filing made under a regime (a signed incident.notified event), and
// the form to log one once it has been made. The deadlines panel then shows met or late.
import { useState, type FormEvent } from 'react';
import { api } from '../api/vault.js';
import type { DeadlinesView } from '../../shared/api/incidentTypes.js';
import type { NotificationEntry } from '../../shared/incident/record.js';
import { timeText } from '../../shared/incident/display.js';
import { REGIMES } from '../../shared/regimes/index.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Field } from '../components/Field.js';
import { nowRfc3339 } from '../lib/incidentInput.js';

export function IncidentNotifications({ caseId, notifications, deadlines, sealed, onLogged }: { caseId: string; notifications: NotificationEntry[]; deadlines: DeadlinesView | undefined; sealed: boolean; onLogged: (message: string) => void }) {
  const [regime, setRegime] = useState<string>(REGIMES[0]!.id);
  const [recipient, setRecipient] = useState('');
  const [at, setAt] = useState('');
  const [channel, setChannel] = useState('');
  const [ref, setRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const onTime = new Map((deadlines?.assessed ?? []).flatMap((g) => g.notifications.map((n) => [n.seq, n.onTime] as const)));
  const title = (id: string) => REGIMES.find((r) => r.id === id)?.title ?? id;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.recordNotification({ caseId, regime, recipient: recipient.trim(), at: at.trim(), channel: channel.trim() || null, ref: ref.trim() || null });
      setRecipient('');
      setAt('');
      setChannel('');
      setRef('');
      onLogged(`Notification to ${r.notification.recipient} logged as event ${r.seq}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel notifications" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notification log</h2>
      {notifications.length === 0 ? (
        <p className="muted">No filing logged yet.</p>
      ) : (
        <ul className="filing-list">
          {notifications.map((n) => {
            const ok = onTime.get(n.seq);
            return (
              <li key={n.seq} data-seq={n.seq}>
                <div>
                  <span className="strong">{n.recipient}</span> <span className="muted small">under {title(n.regime)}</span>
                </div>
                <div className="small">
                  Filed {timeText(n.at)}
                  {ok === true && <span className="ok-text"> · on time</span>}
                  {ok === false && <span className="fail-text"> · late</span>}
                </div>
                <div className="muted small">
                  {[n.channel && `via ${n.channel}`, n.ref && `ref ${n.ref}`, `event ${n.seq}`].filter(Boolean).join(' · ')}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {!sealed && (
        <form className="stack notify-form" onSubmit={submit} aria-label="Log a notification">
          <h3>Log a notification</h3>
          <Field label="Regime">
            {(id) => (
              <select id={id} value={regime} onChange={(e) => setRegime(e.target.value)}>
                {REGIMES.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Recipient" hint="The authority, or “data subjects”.">
            {(id) => <input id={id} value={recipient} onChange={(e) => setRecipient(e.target.value)} maxLength={500} />}
          </Field>
          <Field label="Filed at" hint="When it was sent: RFC 3339 with its offset. Log a filing once it has been made.">
            {(id) => (
              <div className="inline-form">
                <input id={id} className="mono grow" value={at} onChange={(e) => setAt(e.target.value)} placeholder="2026-11-21T16:40:00+01:00" />
                <button type="button" onClick={() => setAt(nowRfc3339())}>
                  Now
                </button>
              </div>
            )}
          </Field>
          <div className="form-row">
            <Field label="Channel (optional)">{(id) => <input id={id} value={channel} onChange={(e) => setChannel(e.target.value)} maxLength={200} placeholder="portal, e-mail…" />}</Field>
            <Field label="Reference (optional)">{(id) => <input id={id} value={ref} onChange={(e) => setRef(e.target.value)} maxLength={200} />}</Field>
          </div>
          <ErrorNote error={error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || !recipient.trim() || !at.trim()}>
              {busy ? 'Signing…' : 'Log notification (signed)'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
