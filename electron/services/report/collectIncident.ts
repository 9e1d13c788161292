// SPDX-License-Identifier: UNLICENSED
// The incident part of a report: the record folded from exactly the custody events the report
// covers, the changes since the previous report, the deadline computation at the generation time,
// the regime rules used, and the ATLAS / AIID-shaped annex.
import type { CustodyEvent } from '../../../shared/custody/event.js';
import { EvaultError } from '../../../shared/errors.js';
import { buildAnnex } from '../../../shared/incident/annex.js';
import { changedFields, foldIncident, recordForManifest, type IncidentRecord } from '../../../shared/incident/record.js';
import type { ManifestFinding, ManifestIncident, ManifestPrevious, ReportType } from '../../../shared/report/manifest.js';
import { computeDeadlines } from '../../../shared/regimes/deadlines.js';
import { regimeIdentities } from '../../../shared/regimes/index.js';

export function collectIncident(input: {
  events: readonly CustodyEvent[];
  previous: ManifestPrevious | null;
  reportType: ReportType | undefined;
  reportId: string;
  caseNumber: string;
  caseTitle: string;
  generatedAt: Date;
  examiner: string;
  findings: readonly ManifestFinding[];
}): ManifestIncident & { folded: IncidentRecord } {
  const { previous } = input;
  const reportType = input.reportType ?? (previous ? 'follow-up' : 'initial');
  if (reportType === 'amendment' && !previous) throw new EvaultError('BAD_INPUT', 'an amendment amends an earlier report, and this case has none; issue an initial report first');
  const folded = foldIncident(input.events);
  if (folded.problems.length > 0) throw new EvaultError('DB_CORRUPT', `the incident events do not chain: event ${folded.problems[0]!.seq}, ${folded.problems[0]!.message}; run "evault verify-vault"`);
  const changes = previous ? { since: previous.reportId, fields: changedFields(foldIncident(input.events, previous.checkpoint.size), folded) } : null;
  const generatedAt = input.generatedAt.toISOString();
  return {
    reportType,
    supersedes: previous?.reportId ?? null,
    record: recordForManifest(folded),
    history: folded.history,
    changes,
    deadlines: computeDeadlines(folded, generatedAt),
    regimes: regimeIdentities(),
    annex: buildAnnex({ reportId: input.reportId, caseNumber: input.caseNumber, caseTitle: input.caseTitle, generatedAt, examiner: input.examiner, record: folded, findings: input.findings }),
    folded,
  };
}
