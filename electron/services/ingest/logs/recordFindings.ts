// SPDX-License-Identifier: UNLICENSED
// Stores rule findings of a log: each one a signed finding.recorded event (carrying the rule-set
// version and hash, so a reader knows exactly which rules judged) and a row pointing at it.
import type { Finding } from '../../../../shared/findings.js';
import type { Signer } from '../../keys/signer.js';
import { appendEvent } from '../../vault/custodyLog.js';
import type { Db } from '../../vault/db.js';

export interface RuleSetId {
  name: string;
  version: string;
  hash: string;
}

export function recordFindings(db: Db, signer: Signer, caseId: string, evidenceId: string, findings: readonly Finding[], ruleset: RuleSetId): number {
  const insert = db.prepare(
    `INSERT INTO findings (case_id, evidence_id, type, rule, atlas, severity, records, field, start, end, explanation, score, event_seq)
     VALUES (@case_id, @evidence_id, @type, @rule, @atlas, @severity, @records, @field, @start, @end, @explanation, @score, @event_seq)`,
  );
  for (const f of findings) {
    const details = {
      type: f.type,
      rule: f.rule,
      atlas: f.atlas,
      severity: f.severity,
      records: f.records,
      field: f.field ?? null,
      start: f.start ?? null,
      end: f.end ?? null,
      explanation: f.explanation,
      // Scores are rounded so their canonical JSON is stable across platforms.
      score: f.score === undefined ? null : Math.round(f.score * 1e6) / 1e6,
      ruleset: ruleset.name,
      rulesetVersion: ruleset.version,
      rulesetHash: ruleset.hash,
    };
    const { event } = appendEvent(db, signer, { caseId, action: 'finding.recorded', evidence: evidenceId, details });
    insert.run({
      case_id: caseId,
      evidence_id: evidenceId,
      type: f.type,
      rule: f.rule,
      atlas: f.atlas,
      severity: f.severity,
      records: JSON.stringify(f.records),
      field: details.field,
      start: details.start,
      end: details.end,
      explanation: f.explanation,
      score: details.score,
      event_seq: event.seq,
    });
  }
  return findings.length;
}
