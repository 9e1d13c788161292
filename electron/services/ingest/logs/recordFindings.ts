// SPDX-License-Identifier: UNLICENSED
// Stores the rule findings of a log. Findings of one type are bound by one signed finding.recorded
// event that carries the rule-set name, version and hash, their count, the rules and ATLAS ids
// involved, and a SHA-256 over the RFC 8785 form of every finding in order — so each finding is
// covered by a signature without a million-record log producing a million events. Each row points
// at its event; verify-vault recomputes the digest from the rows.
import type { Signer } from '../../keys/signer.js';
import { appendEvent } from '../../vault/custodyLog.js';
import type { Db } from '../../vault/db.js';
import { stmt } from '../../vault/queries/statements.js';
import type { FindingSink } from './findingSink.js';

export { findingLine, toStoredFinding, type StoredFinding } from './storedFinding.js';

export interface RuleSetId {
  name: string;
  version: string;
  hash: string;
}

/** Binds the streamed findings of one log by type and stores them; returns how many there were. */
export function recordFindings(db: Db, signer: Signer, caseId: string, evidenceId: string, sink: FindingSink, ruleset: RuleSetId): number {
  // The rows are copied inside SQLite, one statement per type, after its event is signed.
  const copy = stmt(
    db,
    `INSERT INTO findings (case_id, evidence_id, type, rule, atlas, severity, records, field, start, end, explanation, score, event_seq)
     SELECT @case_id, @evidence_id, type, json_extract(finding, '$.rule'), json_extract(finding, '$.atlas'), json_extract(finding, '$.severity'),
            json_extract(finding, '$.records'), json_extract(finding, '$.field'), json_extract(finding, '$.start'), json_extract(finding, '$.end'),
            json_extract(finding, '$.explanation'), json_extract(finding, '$.score'), @event_seq
     FROM temp.pending_findings WHERE type = @type ORDER BY id`,
  );
  for (const { type, count, rules, atlas, digest } of sink.summaries()) {
    const { event } = appendEvent(db, signer, {
      caseId,
      action: 'finding.recorded',
      evidence: evidenceId,
      details: { type, ruleset: ruleset.name, rulesetVersion: ruleset.version, rulesetHash: ruleset.hash, count, rules, atlas, digest },
    });
    copy.run({ case_id: caseId, evidence_id: evidenceId, type, event_seq: event.seq });
  }
  const total = sink.count;
  sink.clear();
  return total;
}
