// SPDX-License-Identifier: UNLICENSED
// The notification clocks of the regimes marked as assessed, as `evault deadlines` computes them
// (shared/regimes/deadlines.ts), with the time left counted down live on this page: each due time
// in UTC and in the examiner's zone, met or late once a filing is logged, and the required fields
// still missing. Applicability is counsel's decision; the panel says so.
import { useEffect, useState } from 'react';
import type { DeadlinesView } from '../../shared/api/incidentTypes.js';
import { STATUS_TEXT } from '../../shared/incident/display.js';
import { fieldSpec } from '../../shared/incident/fields.js';
import { formatDuration } from '../../shared/incident/time.js';
import type { DeadlineLine, DeadlineStatus } from '../../shared/regimes/deadlines.js';
import { Badge, type Tone } from '../components/Badge.js';
import { formatTime } from '../lib/format.js';

const TONE: Record<DeadlineStatus, Tone> = { open: 'accent', overdue: 'fail', met: 'ok', late: 'fail', 'no-clock': 'neutral', 'due-now': 'medium', notified: 'ok', exempt: 'info', 'not-applicable': 'neutral' };

/** A clock still running is re-judged against this page's clock; filed ones keep the service's verdict. */
function live(d: DeadlineLine, nowMs: number): { status: DeadlineStatus; marginMs: number | null } {
  if ((d.status === 'open' || d.status === 'overdue') && d.dueUtc) {
    const m = Date.parse(d.dueUtc) - nowMs;
    return { status: m >= 0 ? 'open' : 'overdue', marginMs: m };
  }
  return { status: d.status, marginMs: d.marginMs };
}

function margin(status: DeadlineStatus, m: number | null): string {
  if (m === null) return '';
  if (status === 'open') return `${formatDuration(m)} left`;
  if (status === 'overdue') return `overdue by ${formatDuration(m)}`;
  if (status === 'met') return `${formatDuration(m)} to spare`;
  if (status === 'late') return `late by ${formatDuration(m)}`;
  return '';
}

function labelOf(field: string): string {
  try {
    return fieldSpec(field).label;
  } catch {
    return field;
  }
}

export function IncidentDeadlines({ data }: { data: DeadlinesView }) {
  // In UTC the local time would repeat the UTC one.
  const local = data.zone !== null && !['UTC', 'Etc/UTC', 'Etc/GMT'].includes(data.zone);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  return (
    <section className="panel deadlines" aria-labelledby="deadlines-title">
      <div className="section-head">
        <h2 id="deadlines-title">Deadlines</h2>
        <span className="muted small">{local ? `UTC and ${data.zone}` : 'Times in UTC'}</span>
      </div>
      {data.assessed.length === 0 && <p className="muted">No regime is marked as assessed. Choose them under §3 “Regimes assessed” to start the clocks.</p>}
      {data.assessed.map((g) => {
        const binding = g.deadlines.find((d) => d.id === g.binding);
        const status = g.exempt ? 'exempt' : binding ? live(binding, now).status : g.status;
        return (
          <article key={g.id} className="regime" data-regime={g.id} data-status={status} aria-label={g.title}>
            <div className="regime-head">
              <div>
                <h3>{g.title}</h3>
                <div className="muted small">
                  to {g.recipient} · rules {g.id} v{g.version}
                </div>
              </div>
              <Badge tone={TONE[status]}>{STATUS_TEXT[status]}</Badge>
            </div>
            {!g.relevant && <p className="notice small">The record does not show {g.relevantWhen}.</p>}
            {g.exempt && <p className="small">Exempt: {g.exempt}</p>}
            <ul className="deadline-lines">
              {g.deadlines.map((d) => {
                const l = live(d, now);
                return (
                  <li key={d.id} data-deadline={d.id} data-status={l.status} className={d.id === g.binding ? 'binding' : ''}>
                    <div className="deadline-label">
                      <span className={d.id === g.binding ? 'strong' : ''}>{d.label}</span>
                      {l.status !== 'not-applicable' && <span className={`countdown ${l.status}`}>{margin(l.status, l.marginMs) || STATUS_TEXT[l.status]}</span>}
                    </div>
                    {d.dueUtc ? (
                      <div className="due small">
                        Due <span className="mono" data-due-utc={d.dueUtc}>{formatTime(d.dueUtc)}</span>
                        {local && d.dueLocal && <span className="muted"> = {d.dueLocal}</span>}
                      </div>
                    ) : (
                      <div className="due small muted">{d.hours === null ? 'No fixed number of hours (without undue delay).' : 'Start time not supplied.'}</div>
                    )}
                    {l.status === 'not-applicable' && <div className="muted small">Applies when {d.condition}</div>}
                    <div className="cite muted small">{d.cite}</div>
                  </li>
                );
              })}
            </ul>
            {g.notifications.length > 0 && (
              <ul className="filed small">
                {g.notifications.map((n) => (
                  <li key={n.seq}>
                    Filed with {n.recipient} at <span className="mono">{formatTime(n.atUtc)}</span> (event {n.seq}){n.onTime === null ? '' : n.onTime ? ' — on time' : ' — LATE'}
                    {n.awarenessEditedAfter && <span className="warn-text"> — awareness was changed after this filing</span>}
                  </li>
                ))}
              </ul>
            )}
            <div className="checklist">
              <h4>Required fields</h4>
              {g.missing.length === 0 ? (
                <p className="ok-text small">All supplied</p>
              ) : (
                <ul aria-label={`Missing for ${g.title}`}>
                  {g.missing.map((m) => (
                    <li key={m.field} data-missing={m.field}>
                      <span className="missing-mark" aria-hidden="true">○</span> <span>{labelOf(m.field)}</span> <span className="muted small">— {m.cite}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </article>
        );
      })}
      {data.notAssessed.length > 0 && (
        <p className="muted small">
          Not assessed: {data.notAssessed.map((n) => `${n.title}${n.relevant ? ' (the record suggests it may be relevant)' : ''}`).join('; ')}.
        </p>
      )}
      <p className="disclaimer small">{data.disclaimer}</p>
    </section>
  );
}
