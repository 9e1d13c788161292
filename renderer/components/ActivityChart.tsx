// SPDX-License-Identifier: UNLICENSED
// Log activity over time: records per hour (or per day for long spans), as plain bars.
import { api } from '../api/vault.js';
import { formatCount } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';

export function ActivityChart({ caseId }: { caseId: string }) {
  const data = useLoad(async () => {
    const hourly = await api.timeline({ caseId, bucket: 'hour' });
    return hourly.length > 240 ? { bucket: 'day', rows: await api.timeline({ caseId, bucket: 'day' }) } : { bucket: 'hour', rows: hourly };
  }, [caseId]);
  const rows = data.data?.rows ?? [];
  if (rows.length === 0) return null;
  const max = Math.max(...rows.map((r) => r.count));
  const total = rows.reduce((s, r) => s + r.count, 0);
  return (
    <section className="panel activity" aria-label="Log activity over time">
      <div className="section-head">
        <h2>Log activity</h2>
        <span className="muted small">
          {formatCount(total)} timed records per {data.data!.bucket}, {rows[0]!.bucket} – {rows[rows.length - 1]!.bucket} (UTC)
        </span>
      </div>
      <div className="bars" role="img" aria-label={`Records per ${data.data!.bucket}; peak ${formatCount(max)}`}>
        {rows.map((r) => (
          <span key={r.bucket} className="bar-col" title={`${r.bucket.replace('T', ' ')}${data.data!.bucket === 'hour' ? ':00' : ''} — ${formatCount(r.count)} records`} style={{ height: `${Math.max(2, (r.count / max) * 100)}%` }} />
        ))}
      </div>
    </section>
  );
}
