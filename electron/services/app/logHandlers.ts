// SPDX-License-Identifier: UNLICENSED
// Log forensics for the UI: search, record pages, timeline, findings, and revealing a record's PII,
// which is itself recorded as a signed custody event before the values are returned.
import type { Handlers } from '../../../shared/api/contract.js';
import { EvaultError } from '../../../shared/errors.js';
import type { FindingView, Severity } from '../../../shared/api/types.js';
import { appendEvent } from '../vault/custodyLog.js';
import { ensureExaminer, requireCase, requireOpenCase } from '../vault/cases.js';
import { requireEvidence } from '../vault/evidenceActions.js';
import { listFindings } from '../vault/findingsList.js';
import { searchRecords, timeline } from '../vault/logSearch.js';
import { getRecords } from '../vault/queries/logRecords.js';
import type { AppSession } from './session.js';
import { recordPage, toViews } from './logPages.js';
import { examinerNames } from './views.js';

/** The findings list shows at most this many; the dashboard counts them all. */
const FINDINGS_LIMIT = 5000;

export function logHandlers(session: AppSession): Pick<Handlers, 'searchLogs' | 'logRecords' | 'timeline' | 'findings' | 'revealRecord'> {
  return {
    async searchLogs(_ctx, input) {
      const { vault } = session.require();
      const c = requireCase(vault, input.caseId);
      const found = searchRecords(vault, c.id, { query: input.query, field: input.field, from: input.from, to: input.to, limit: input.limit ?? 200 });
      const out = [];
      for (const evidenceId of new Set(found.map((r) => r.evidence_id))) {
        out.push(...(await toViews(vault, requireEvidence(vault, c.id, evidenceId), found.filter((r) => r.evidence_id === evidenceId), false)));
      }
      return out;
    },
    async logRecords(_ctx, input) {
      const { vault } = session.require();
      const c = requireCase(vault, input.caseId);
      return recordPage(vault, requireEvidence(vault, c.id, input.evidenceId), input.start, input.count);
    },
    async timeline(_ctx, input) {
      const { vault } = session.require();
      return timeline(vault, requireCase(vault, input.caseId).id, { by: input.by, bucket: input.bucket });
    },
    async findings(_ctx, input) {
      const { vault } = session.require();
      const rows = listFindings(vault, requireCase(vault, input.caseId).id, input.type);
      // PII matches can run to thousands: the other findings go first so the limit never hides them.
      const ordered = [...rows.filter((f) => !f.type.startsWith('pii.')), ...rows.filter((f) => f.type.startsWith('pii.'))];
      const names = examinerNames(vault);
      return ordered.slice(0, FINDINGS_LIMIT).map(
        (f): FindingView => ({
          evidence: f.evidence,
          evidenceName: f.evidence_name,
          record: f.record,
          records: f.records,
          type: f.type,
          rule: f.rule,
          atlas: f.atlas,
          severity: f.severity as Severity,
          field: f.field,
          explanation: f.explanation,
          score: f.score,
          ...(f.seq !== undefined ? { recorded: { items: f.items ?? [], seq: f.seq, hash: f.hash ?? '', at: f.at ?? '', actor: f.actor ?? '', actorName: names.get(f.actor ?? '') ?? null } } : {}),
        }),
      );
    },
    async revealRecord(_ctx, input) {
      return session.exclusive(async () => {
        const { vault, signer } = session.require();
        // Revealing PII is an action on the evidence: it must be recorded, and a sealed case takes
        // no new events, so it is refused there.
        const c = requireOpenCase(vault, input.caseId);
        const evidence = requireEvidence(vault, c.id, input.evidenceId);
        const [row] = getRecords(vault.db, evidence.id, [input.record]);
        if (!row) throw new EvaultError('NOT_FOUND', `${evidence.name} has no record ${input.record}`);
        const [view] = await toViews(vault, evidence, [row], true);
        if (view!.pii.length > 0) {
          ensureExaminer(vault, signer);
          vault.db.transaction(() =>
            appendEvent(vault.db, signer, {
              caseId: c.id,
              action: 'pii.revealed',
              evidence: evidence.id,
              details: { record: row.idx, piiTypes: view!.pii, reason: input.reason },
            }),
          )();
        }
        return { ...view!, redacted: false };
      });
    },
  };
}
