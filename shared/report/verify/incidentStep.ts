// SPDX-License-Identifier: UNLICENSED
// The incident record a report carries must be exactly what its signed custody events build: the
// step refolds the incident.updated / incident.notified events of the embedded log and compares the
// record, its history, the changes since the previous report and (when this verifier has the same
// regime rules) the deadline computation with the manifest.
import { canonicalize, type JsonValue } from '../../canonicalJson.js';
import { changedFields, foldIncident, recordForManifest } from '../../incident/record.js';
import { computeDeadlines, type DeadlineReport } from '../../regimes/deadlines.js';
import { regimeIdentities } from '../../regimes/index.js';
import type { EventIndex } from './custodySteps.js';
import { StepBuilder, type ReportParts, type StepResult } from './types.js';

const same = (a: unknown, b: unknown) => canonicalize(a as JsonValue) === canonicalize(b as JsonValue);

/**
 * The computation without its local-time strings: those come from the time-zone database of the
 * machine that made the report, which may differ from the verifier's (zone rules change), while
 * every instant, status and margin is pure arithmetic on UTC.
 */
function zoneFree(d: DeadlineReport): unknown {
  return {
    ...d,
    assessed: d.assessed.map((r) => ({ ...r, deadlines: r.deadlines.map((x) => ({ ...x, dueLocal: null })), notifications: r.notifications.map((n) => ({ ...n, atLocal: null })) })),
  };
}

export function incidentStep(p: ReportParts, index: EventIndex): StepResult {
  const s = new StepBuilder('incident-record', 'Incident record: the manifest’s record is the fold of its signed custody events');
  const m = p.manifest;
  if (!m || !p.events) return s.skip('no manifest or custody log to check');
  const inc = m.incident;
  if (!inc) return s.skip('this report predates the incident record');
  try {
    const events = [...index.values()].sort((a, b) => a.seq - b.seq);
    const folded = foldIncident(events);
    const n = folded.history.length + folded.notifications.length;
    s.check('each incident.updated names the hash of the value it replaces', folded.problems.length === 0, 'no problems', folded.problems[0] ? `event ${folded.problems[0].seq}: ${folded.problems[0].message}` : 'no problems');
    s.check(`record = fold of ${n} signed incident events`, same(recordForManifest(folded), inc.record), `${Object.keys(recordForManifest(folded).fields).length} fields`, `${Object.keys(inc.record?.fields ?? {}).length} fields${same(recordForManifest(folded), inc.record) ? '' : ', differing'}`);
    s.check('history = the incident events in order', same(folded.history, inc.history), `${folded.history.length} changes`, `${inc.history?.length ?? 0} changes`);
    if (m.previous) {
      const changes = { since: m.previous.reportId, fields: changedFields(foldIncident(events, m.previous.checkpoint.size), folded) };
      s.check(`changes since ${m.previous.reportId} = the fields whose value differs between the two checkpoints`, same(changes, inc.changes), changes.fields.map((c) => c.field).join(', ') || 'none', inc.changes ? inc.changes.fields.map((c) => c.field).join(', ') || 'none' : 'null');
    } else {
      s.check('no previous report: no change list, and not an amendment', inc.changes === null && inc.reportType !== 'amendment', 'null, not amendment', `${inc.changes === null ? 'null' : 'a change list'}, ${inc.reportType}`);
    }
    if (same(inc.regimes, regimeIdentities())) {
      const ok = same(zoneFree(computeDeadlines(folded, m.generatedAt)), zoneFree(inc.deadlines));
      s.check('deadline computation reproduces in UTC (same regime rules, at the generation time)', ok, 'equal', ok ? 'equal' : 'differs');
    } else {
      s.check('deadline computation not recomputed: the report used other regime rules than this verifier', true, undefined, undefined, inc.regimes.map((r) => `${r.id} v${r.version}`).join(', '));
    }
    return s.done(`${n} incident events, report type ${inc.reportType}`);
  } catch (e) {
    s.fail('incident record readable', (e as Error).message);
    return s.done('the incident part of the manifest is malformed');
  }
}
