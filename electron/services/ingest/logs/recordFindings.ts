// SPDX-License-Identifier: UNLICENSED
// Stores the rule findings of a log. Findings of one type are bound by one signed finding.recorded
// event that carries the rule-set name, version and hash, their count, the rules and ATLAS ids
// involved, and a SHA-256 over the RFC 8785 form of every finding in order — so each finding is
// covered by a signature without a million-record log producing a million events. Each row points
// at its event; verify-vault recomputes the digest from the rows.
import { createHash } from 'node:crypto';
import { canonicalize } from '../../../../shared/canonicalJson.js';
import type { Finding } from '../../../../shared/findings.js';
import type { Signer } from '../../keys/signer.js';
import { appendEvent } from '../../vault/custodyLog.js';
import type { Db } from '../../vault/db.js';
import { stmt } from '../../vault/queries/statements.js';

export interface RuleSetId {
  name: string;
  version: string;
  hash: string;
}

/** The fields of a finding that are signed, in the form stored in the findings table. */
export interface StoredFinding {
  type: string;
  rule: string;
  atlas: string | null;
  severity: string;
  records: number[];
  field: string | null;
  start: number | null;
  end: number | null;
  explanation: string;
  score: number | null;
}

export function findingLine(f: StoredFinding): string {
  return canonicalize({ type: f.type, rule: f.rule, atlas: f.atlas, severity: f.severity, records: f.records, field: f.field, start: f.start, end: f.end, explanation: f.explanation, score: f.score }) + '\n';
}

export function recordFindings(db: Db, signer: Signer, caseId: string, evidenceId: string, findings: readonly Finding[], ruleset: RuleSetId): number {
  const insert = stmt(
    db,
    `INSERT INTO findings (case_id, evidence_id, type, rule, atlas, severity, records, field, start, end, explanation, score, event_seq)
     VALUES (@case_id, @evidence_id, @type, @rule, @atlas, @severity, @records, @field, @start, @end, @explanation, @score, @event_seq)`,
  );
  const byType = new Map<string, StoredFinding[]>();
  for (const f of findings) {
    const stored: StoredFinding = {
      type: f.type,
      rule: f.rule,
      atlas: f.atlas,
      severity: f.severity,
      records: f.records,
      field: f.field ?? null,
      start: f.start ?? null,
      end: f.end ?? null,
      explanation: f.explanation,
      // Rounded so the canonical JSON is the same on every platform.
      score: f.score === undefined ? null : Math.round(f.score * 1e6) / 1e6,
    };
    const group = byType.get(f.type);
    if (group) group.push(stored);
    else byType.set(f.type, [stored]);
  }
  for (const [type, group] of byType) {
    const digest = createHash('sha256');
    for (const f of group) digest.update(findingLine(f));
    const { event } = appendEvent(db, signer, {
      caseId,
      action: 'finding.recorded',
      evidence: evidenceId,
      details: {
        type,
        ruleset: ruleset.name,
        rulesetVersion: ruleset.version,
        rulesetHash: ruleset.hash,
        count: group.length,
        rules: [...new Set(group.map((f) => f.rule))].sort(),
        atlas: [...new Set(group.map((f) => f.atlas).filter((a): a is string => a !== null))].sort(),
        digest: digest.digest('hex'),
      },
    });
    for (const f of group) insert.run({ ...f, case_id: caseId, evidence_id: evidenceId, records: JSON.stringify(f.records), event_seq: event.seq });
  }
  return findings.length;
}
