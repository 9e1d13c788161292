// SPDX-License-Identifier: UNLICENSED
// Model evidence detail: the inspection recorded at import (format view, scanner verdict, imports)
// and the tensor table with the per-tensor digests the signed weights root covers, in pages (a
// model can have tens of thousands of tensors). And model-diff against another model item of the
// case or a path on disk, run in a worker thread (modelDiffRunner.ts); the diff writes to the vault
// only when asked to record it as a finding, and that is done here in main, which holds the key.
import type { Handlers } from '../../../shared/api/contract.js';
import type { FolderMemberLink, TensorRow } from '../../../shared/api/modelTypes.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import { EvaultError } from '../../../shared/errors.js';
import { describeInspection } from '../../../shared/models/describe.js';
import type { ModelInspection } from '../../../shared/models/types.js';
import { describeDiff } from '../../../shared/models/diff/describeDiff.js';
import { recordModelDiff } from '../models/modelDiff.js';
import { requireCase, requireOpenCase } from '../vault/cases.js';
import { requireEvidence } from '../vault/evidenceActions.js';
import type { Vault } from '../vault/vault.js';
import { diffInWorker } from './modelDiffRunner.js';
import type { AppSession } from './session.js';

interface MetaRow {
  format: string;
  verdict: string | null;
  weights_root: string | null;
  metadata_sha256: string | null;
  inspection: string;
}

function requireModel(vault: Vault, caseId: string, evidenceId: string): { id: string; name: string; meta: MetaRow } {
  const evidence = requireEvidence(vault, requireCase(vault, caseId).id, evidenceId);
  const meta = vault.db.prepare('SELECT format, verdict, weights_root, metadata_sha256, inspection FROM model_meta WHERE evidence_id = ?').get(evidence.id) as MetaRow | undefined;
  if (!meta) throw new EvaultError('NOT_FOUND', `${evidence.name} is not model evidence (it was not recognised as a model file at import)`);
  return { id: evidence.id, name: evidence.name, meta };
}

/** The folder's members as its signed acquisition event names them, each with its evidence id. */
function folderMembers(vault: Vault, evidenceId: string): FolderMemberLink[] {
  const row = vault.db.prepare('SELECT case_id, event_seq FROM evidence WHERE id = ?').get(evidenceId) as { case_id: string; event_seq: number };
  const bytes = vault.db.prepare('SELECT bytes FROM events WHERE log = ? AND seq = ?').pluck().get(row.case_id, row.event_seq) as Buffer;
  const members = (parseEvent(new Uint8Array(bytes)).details.folder as { members?: { name: string; evidence: string }[] } | undefined)?.members ?? [];
  const isModel = vault.db.prepare('SELECT 1 FROM model_meta WHERE evidence_id = ?').pluck();
  return members.map((x) => ({ name: x.name, evidenceId: x.evidence, model: isModel.get(x.evidence) !== undefined }));
}

/** LIKE pattern for a substring, with its wildcards escaped. */
const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function modelHandlers(session: AppSession): Pick<Handlers, 'modelDetail' | 'modelTensors' | 'modelDiff' | 'cancelModelDiff'> {
  // The running diffs' cancels, by case id.
  const running = new Map<string, Set<() => void>>();
  return {
    async modelDetail(_ctx, input) {
      const { vault } = session.require();
      const m = requireModel(vault, input.caseId, input.evidenceId);
      const inspection = JSON.parse(m.meta.inspection) as ModelInspection;
      const shapes = vault.db.prepare('SELECT shape FROM model_tensors WHERE evidence_id = ?').pluck().all(m.id) as string[];
      const parameters = shapes.reduce((n, s) => n + (JSON.parse(s) as number[]).reduce((p, d) => p * d, 1), 0);
      const { tensors: _omitted, ...rest } = inspection;
      void _omitted;
      return {
        evidenceId: m.id,
        name: m.name,
        format: m.meta.format,
        verdict: m.meta.verdict,
        weightsRoot: m.meta.weights_root,
        metadataSha256: m.meta.metadata_sha256,
        tensorCount: shapes.length,
        parameters,
        inspection: rest,
        summary: describeInspection({ ...rest, notes: rest.notes ?? [] }),
        members: inspection.format === 'model-folder' ? folderMembers(vault, m.id) : null,
      };
    },
    async modelTensors(_ctx, input) {
      const { vault } = session.require();
      const m = requireModel(vault, input.caseId, input.evidenceId);
      const filter = input.filter?.trim();
      const where = filter ? "evidence_id = ? AND name LIKE ? ESCAPE '\\'" : 'evidence_id = ?';
      const params: unknown[] = filter ? [m.id, like(filter)] : [m.id];
      const total = vault.db.prepare(`SELECT count(*) FROM model_tensors WHERE ${where}`).pluck().get(...params) as number;
      const rows = vault.db
        .prepare(`SELECT ordinal, name, dtype, shape, length, sha256 FROM model_tensors WHERE ${where} ORDER BY ordinal LIMIT ? OFFSET ?`)
        .all(...params, input.count, input.start) as { ordinal: number; name: string; dtype: string; shape: string; length: number; sha256: string }[];
      return { total, start: input.start, rows: rows.map((r): TensorRow => ({ ordinal: r.ordinal, name: r.name, dtype: r.dtype, shape: JSON.parse(r.shape) as number[], length: r.length, sha256: r.sha256 })) };
    },
    async modelDiff(_ctx, input) {
      const { vault, signer } = session.require();
      if ((input.otherEvidenceId === undefined) === (input.otherPath === undefined)) throw new EvaultError('BAD_INPUT', 'compare with either another evidence item of the case or a path, not both');
      // Refuse before the (possibly long) diff, not after it.
      if (input.record) requireOpenCase(vault, input.caseId);
      const mine = requireModel(vault, input.caseId, input.evidenceId);
      // The other item must be in the same case; a path is read from disk (no vault lookup by name).
      const other = input.otherEvidenceId !== undefined ? requireModel(vault, input.caseId, input.otherEvidenceId) : undefined;
      const started = performance.now();
      // Resolving the sides and streaming the changed tensors run in a worker thread with its own
      // read connection; the signed finding is recorded here, where the key is.
      const caseId = requireCase(vault, input.caseId).id;
      let cancel: (() => void) | undefined;
      const cancels = running.get(caseId) ?? new Set();
      running.set(caseId, cancels);
      const { diff, a, b } = await diffInWorker({ vaultDir: vault.dir, a: mine.id, b: other ? { evidenceId: other.id } : { path: input.otherPath! } }, (c) => cancels.add((cancel = c))).finally(() => {
        cancels.delete(cancel!);
        if (cancels.size === 0 && running.get(caseId) === cancels) running.delete(caseId);
      });
      const recorded = input.record ? recordModelDiff(vault, signer, diff, a, b) : undefined;
      return { diff, lines: describeDiff(diff), recorded: recorded ? { seq: recorded.event.seq } : null, ms: Math.round(performance.now() - started) };
    },
    async cancelModelDiff(_ctx, input) {
      const { vault } = session.require();
      const cancels = running.get(requireCase(vault, input.caseId).id);
      if (!cancels?.size) return false;
      for (const c of cancels) c();
      return true;
    },
  };
}
