// SPDX-License-Identifier: UNLICENSED
// The record's history: every change and filing as the custody event that made it — who, when,
// what, the hashes of the old and new values, and the source of an accepted proposal. Nothing is
// overwritten; a cleared value is an event too.
import type { IncidentHistoryView } from '../../shared/api/incidentTypes.js';
import { displayValue } from '../../shared/incident/display.js';
import { formatTime, shortHex } from '../lib/format.js';

function what(h: IncidentHistoryView): string {
  if (h.kind === 'notification') return `Notified ${h.notification!.recipient} under ${h.field} (filed ${formatTime(h.notification!.at.utc)})`;
  const name = h.label ?? h.field ?? '';
  return h.new === null ? `Cleared ${name}` : `${h.old === null ? 'Set' : 'Changed'} ${name} = ${displayValue(h.value)}`;
}

export function IncidentHistory({ history }: { history: IncidentHistoryView[] }) {
  return (
    <section className="panel history" aria-labelledby="history-title">
      <div className="section-head">
        <h2 id="history-title">History</h2>
        <span className="muted small">{history.length} signed event(s) in the custody log; nothing is overwritten</span>
      </div>
      {history.length === 0 ? (
        <p className="muted">No change yet.</p>
      ) : (
        <table className="table history-table" aria-label="Incident record history">
          <thead>
            <tr>
              <th className="num">Event</th>
              <th>Signed (UTC)</th>
              <th>By</th>
              <th>Change</th>
              <th>Value hash (old → new)</th>
            </tr>
          </thead>
          <tbody>
            {[...history].reverse().map((h) => (
              <tr key={h.seq} data-seq={h.seq} data-kind={h.kind}>
                <td className="num mono">{h.seq}</td>
                <td className="mono nowrap">{formatTime(h.at)}</td>
                <td>
                  {h.actorName ?? 'unknown examiner'} <span className="mono muted small">{shortHex(h.actor, 8)}</span>
                </td>
                <td>
                  <div>{what(h)}</div>
                  <div className="muted small">
                    <span className="mono">{h.kind === 'change' ? 'incident.updated' : 'incident.notified'}</span>
                    {h.source ? ` · accepted proposal: ${h.source.replace(/^vault: /, '')}` : ''}
                  </div>
                </td>
                <td className="mono small">{h.kind === 'change' ? `${h.old ? shortHex(h.old, 10) : '(unset)'} → ${h.new ? shortHex(h.new, 10) : '(cleared)'}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
