// SPDX-License-Identifier: UNLICENSED
// Cases: list, create, the dashboard, seal, notes and custody transfer.
import type { Handlers } from '../../../shared/api/contract.js';
import type { CaseDashboard, Severity } from '../../../shared/api/types.js';
import { addNote, createCase, requireCase, sealCase, transferCustody } from '../vault/cases.js';
import { listCases } from '../vault/queries/cases.js';
import { logCheckpoints } from '../vault/queries/checkpoints.js';
import { caseEvidence } from '../vault/queries/evidence.js';
import { recordedFindings } from '../vault/recordedFindings.js';
import type { Vault } from '../vault/vault.js';
import type { AppSession } from './session.js';
import { caseSummary, eventRow, eventView, examinerNames, latestVerifications } from './views.js';

function dashboard(vault: Vault, caseRef: string): CaseDashboard {
  const row = requireCase(vault, caseRef);
  const names = examinerNames(vault);
  const evidence = caseEvidence(vault.db, row.id);
  const evidenceByKind: Record<string, number> = {};
  for (const e of evidence) evidenceByKind[e.kind] = (evidenceByKind[e.kind] ?? 0) + 1;
  const findingsBySeverity: Record<Severity, number> = { info: 0, low: 0, medium: 0, high: 0 };
  const findingsByType: Record<string, number> = {};
  const add = (type: string, severity: Severity, n: number) => {
    findingsBySeverity[severity] += n;
    findingsByType[type] = (findingsByType[type] ?? 0) + n;
  };
  // Same severities as listFindings (findingsList.ts): a secret is high, other PII medium; the
  // event-only findings (model diffs, pickle scans) as recordedFindings.ts grades them.
  const pii = vault.db.prepare('SELECT p.type, count(*) AS n FROM pii_matches p JOIN evidence e ON e.id = p.evidence_id WHERE e.case_id = ? GROUP BY p.type').all(row.id) as { type: string; n: number }[];
  for (const p of pii) add(p.type, p.type === 'pii.secret' ? 'high' : 'medium', p.n);
  const ai = vault.db.prepare('SELECT type, severity, count(*) AS n FROM findings WHERE case_id = ? GROUP BY type, severity').all(row.id) as { type: string; severity: Severity; n: number }[];
  for (const f of ai) add(f.type, f.severity, f.n);
  for (const f of recordedFindings(vault, row.id)) add(f.type, f.severity, 1);
  const logRecords = (vault.db.prepare('SELECT coalesce(sum(m.records), 0) AS n FROM log_meta m JOIN evidence e ON e.id = m.evidence_id WHERE e.case_id = ?').get(row.id) as { n: number }).n;
  const verified = [...latestVerifications(vault, row.id).values()];
  const last = verified.reduce<(typeof verified)[number] | undefined>((a, b) => (!a || b.at > a.at ? b : a), undefined);
  const checkpoint = logCheckpoints(vault.db, row.id).at(-1);
  return {
    case: caseSummary(vault, row, names),
    evidenceByKind,
    totalBytes: evidence.reduce((s, e) => s + e.size, 0),
    logRecords,
    findingsBySeverity,
    findingsByType,
    lastVerification: last
      ? { at: last.at, by: last.by, byName: names.get(last.by) ?? null, match: verified.filter((v) => v.outcome === 'match').length, mismatch: verified.filter((v) => v.outcome === 'mismatch').length, missing: verified.filter((v) => v.outcome === 'missing').length }
      : null,
    lastCheckpoint: checkpoint ? { at: checkpoint.issued_at, size: checkpoint.size, root: checkpoint.root } : null,
  };
}

function lastEventView(vault: Vault, caseId: string, seq: number) {
  return eventView(eventRow(vault, caseId, seq), examinerNames(vault));
}

export function caseHandlers(session: AppSession): Pick<Handlers, 'listCases' | 'createCase' | 'getCase' | 'sealCase' | 'addNote' | 'transferCustody'> {
  return {
    async listCases() {
      const { vault } = session.require();
      const names = examinerNames(vault);
      return listCases(vault.db).map((c) => caseSummary(vault, c, names)).reverse();
    },
    async createCase(_ctx, input) {
      return session.exclusive(() => {
        const { vault, signer } = session.require();
        return caseSummary(vault, createCase(vault, signer, input));
      });
    },
    async getCase(_ctx, input) {
      return dashboard(session.require().vault, input.caseId);
    },
    async sealCase(_ctx, input) {
      return session.exclusive(() => {
        const { vault, signer } = session.require();
        sealCase(vault, signer, input.caseId, input.reason?.trim() || null);
        return caseSummary(vault, requireCase(vault, input.caseId));
      });
    },
    async addNote(_ctx, input) {
      return session.exclusive(() => {
        const { vault, signer } = session.require();
        const { event } = addNote(vault, signer, input.caseId, input.text, input.evidenceId);
        return lastEventView(vault, event.case!, event.seq);
      });
    },
    async transferCustody(_ctx, input) {
      return session.exclusive(() => {
        const { vault, signer } = session.require();
        const { event } = transferCustody(vault, signer, input.caseId, input.to, input.reason?.trim() || null);
        return lastEventView(vault, event.case!, event.seq);
      });
    },
  };
}
