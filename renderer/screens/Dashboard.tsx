// SPDX-License-Identifier: UNLICENSED
import type { CaseDashboard } from '../../shared/api/types.js';
import { Badge } from '../components/Badge.js';
import { StatCard } from '../components/StatCard.js';
import { ActivityChart } from '../components/ActivityChart.js';
import { findingLabel, formatBytes, formatCount, formatTime, SEVERITIES, shortHex } from '../lib/format.js';

export function Dashboard({ data }: { data: CaseDashboard }) {
  const c = data.case;
  const totalFindings = SEVERITIES.reduce((s, k) => s + data.findingsBySeverity[k], 0);
  const maxSeverity = Math.max(1, ...SEVERITIES.map((k) => data.findingsBySeverity[k]));
  const v = data.lastVerification;
  // AI-incident findings first (they are what the case is about), then PII by count.
  const topTypes = Object.entries(data.findingsByType).sort((a, b) => Number(b[0].startsWith('ai.')) - Number(a[0].startsWith('ai.')) || b[1] - a[1]);
  return (
    <div className="dashboard">
      <div className="stat-grid">
        <StatCard label="Evidence items" value={c.evidenceCount}>
          {Object.entries(data.evidenceByKind).map(([k, n]) => `${n} ${k}`).join(' · ') || 'none yet'}
          <div>{formatBytes(data.totalBytes)} fingerprinted</div>
        </StatCard>
        <StatCard label="Log records" value={formatCount(data.logRecords)}>
          indexed for search, each with its leaf hash
        </StatCard>
        <StatCard label="Findings" value={formatCount(totalFindings)} tone={data.findingsBySeverity.high > 0 ? 'fail' : undefined}>
          <div className="sev-bars" aria-label="Findings by severity">
            {SEVERITIES.map((s) => (
              <div key={s} className="sev-bar">
                <span className="sev-name">{s}</span>
                <span className="bar" aria-hidden="true">
                  <span className={`fill ${s}`} style={{ width: `${(data.findingsBySeverity[s] / maxSeverity) * 100}%` }} />
                </span>
                <span className="sev-count">{formatCount(data.findingsBySeverity[s])}</span>
              </div>
            ))}
          </div>
        </StatCard>
        <StatCard label="Last verification" value={v ? (v.mismatch + v.missing === 0 ? 'All match' : 'Problems found') : 'Not yet'} tone={v ? (v.mismatch + v.missing === 0 ? 'ok' : 'fail') : 'warn'}>
          {v ? (
            <>
              {formatTime(v.at)} by {v.byName ?? shortHex(v.by)}
              <div>
                {v.match} match · {v.mismatch} mismatch · {v.missing} missing
              </div>
            </>
          ) : (
            'Run “Verify now” on the Custody tab'
          )}
        </StatCard>
        <StatCard label="Case state" value={c.sealed ? 'Sealed' : 'Open'} tone={c.sealed ? undefined : 'ok'}>
          {c.eventCount} custody events
          <div>
            opened {formatTime(c.createdAt)} by {c.createdByName ?? shortHex(c.createdBy)}
          </div>
        </StatCard>
        <StatCard label="Last checkpoint" value={data.lastCheckpoint ? `${data.lastCheckpoint.size} events` : 'None'}>
          {data.lastCheckpoint ? (
            <>
              {formatTime(data.lastCheckpoint.at)}
              <div className="mono">root {shortHex(data.lastCheckpoint.root, 16)}</div>
            </>
          ) : (
            'Sign one on the Custody tab to pin the log'
          )}
        </StatCard>
      </div>
      {data.logRecords > 0 && <ActivityChart caseId={c.id} />}
      {c.description && (
        <section className="panel">
          <h2>Description</h2>
          <p>{c.description}</p>
        </section>
      )}
      {topTypes.length > 0 && (
        <section className="panel">
          <h2>Findings by type</h2>
          <ul className="type-list">
            {topTypes.map(([type, n]) => (
              <li key={type}>
                <Badge tone={type.startsWith('ai.') ? 'high' : 'medium'}>{findingLabel(type)}</Badge>
                <span className="mono">{formatCount(n)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
