// SPDX-License-Identifier: UNLICENSED
// The two sides of a model-diff: an evidence item (its stored inspection and tensor digests, and
// where its bytes are) or a path on disk (a file or a model folder, read once for its digests).
import { existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { EvaultError } from '../../../shared/errors.js';
import type { DiffSide } from '../../../shared/models/diff/modelDiff.js';
import { keysOf } from '../../../shared/models/diff/modelDiff.js';
import type { ModelInspection } from '../../../shared/models/types.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import { digestModelFile } from '../ingest/models/digestModelFile.js';
import { inspectModelFile } from '../ingest/models/inspectModelFile.js';
import { folderManifestBytes, inspectModelFolder } from '../ingest/models/modelFolder.js';
import { evidencePath, requireAnyEvidence } from '../vault/evidenceActions.js';
import type { EvidenceRow } from '../vault/queries/evidence.js';
import type { Vault } from '../vault/vault.js';

/** Where one tensor's bytes are, with the digest they must still have. */
export interface TensorLocation {
  path: string;
  offset: number;
  length: number;
  sha256: string;
}

export interface ResolvedSide extends DiffSide {
  evidence?: EvidenceRow;
  path?: string;
  locations: Map<string, TensorLocation>;
}

/** A path that exists is read from disk; anything else is an evidence reference in the vault. */
export async function resolveSide(vault: Vault | undefined, ref: string, signal?: AbortSignal): Promise<ResolvedSide> {
  if (existsSync(ref)) return statSync(ref).isDirectory() ? folderSide(ref, signal) : fileSide(ref, signal);
  if (!vault) throw new EvaultError('NOT_FOUND', `${ref} is neither a file or folder nor an evidence item (no vault is open)`);
  return evidenceSide(vault, requireAnyEvidence(vault, ref));
}

async function fileSide(path: string, signal?: AbortSignal): Promise<ResolvedSide> {
  const inspection = await inspectModelFile(path);
  const d = await digestModelFile(path, inspection.tensors ?? [], undefined, signal);
  const locations = new Map(d.tensors.map((t) => [t.name, { path, offset: t.offset, length: t.length, sha256: t.sha256 }]));
  return { label: path, path, format: inspection.format, sha256: d.sha256, ...(d.tensors.length ? { weightsRoot: d.weightsRoot } : {}), metadataSha256: d.metadataSha256, tensors: d.tensors, keys: keysOf(inspection), locations };
}

async function folderSide(dir: string, signal?: AbortSignal): Promise<ResolvedSide> {
  const f = await inspectModelFolder(dir, { digest: true, signal });
  const paths = new Map(f.members.map((m) => [m.name, m.path]));
  const tensors = f.weights?.tensors ?? [];
  const manifest = folderManifestBytes(f.inspection.folder!.name, f.members, f.weights);
  return {
    label: dir,
    path: dir,
    format: 'model-folder',
    sha256: createHash('sha256').update(manifest).digest('hex'),
    ...(f.weights ? { weightsRoot: f.weights.root, metadataSha256: f.weights.metadataSha256 } : {}),
    tensors,
    keys: keysOf(f.inspection),
    locations: new Map(tensors.map((t) => [t.name, { path: paths.get(t.file)!, offset: t.offset, length: t.length, sha256: t.sha256 }])),
  };
}

function evidenceSide(vault: Vault, row: EvidenceRow): ResolvedSide {
  const meta = vault.db.prepare('SELECT inspection, weights_root, metadata_sha256 FROM model_meta WHERE evidence_id = ?').get(row.id) as { inspection: string; weights_root: string | null; metadata_sha256: string | null } | undefined;
  if (!meta) throw new EvaultError('BAD_INPUT', `${row.name} is not model evidence; model-diff compares model files and model folders`);
  const inspection = JSON.parse(meta.inspection) as ModelInspection;
  const rows = vault.db.prepare('SELECT name, dtype, shape, offset, length, sha256 FROM model_tensors WHERE evidence_id = ? ORDER BY ordinal').all(row.id) as { name: string; dtype: string; shape: string; offset: number; length: number; sha256: string }[];
  const fileOf = memberPaths(vault, row, inspection);
  const locations = new Map<string, TensorLocation>();
  rows.forEach((r, i) => {
    const path = fileOf(inspection.tensors?.[i]?.file);
    if (path) locations.set(r.name, { path, offset: r.offset, length: r.length, sha256: r.sha256 });
  });
  return {
    label: `${row.name} (${row.id.slice(0, 8)})`,
    evidence: row,
    format: inspection.format,
    sha256: row.sha256,
    ...(meta.weights_root ? { weightsRoot: meta.weights_root } : {}),
    ...(meta.metadata_sha256 ? { metadataSha256: meta.metadata_sha256 } : {}),
    tensors: rows.map((r) => ({ name: r.name, dtype: r.dtype, shape: JSON.parse(r.shape) as number[], sha256: r.sha256, length: r.length })),
    keys: keysOf(inspection),
    locations,
  };
}

/** For a folder item: its members' bytes, found through the members its signed acquisition names. */
function memberPaths(vault: Vault, row: EvidenceRow, inspection: ModelInspection): (file: string | undefined) => string | undefined {
  if (inspection.format !== 'model-folder') return () => evidencePath(vault, row);
  const bytes = vault.db.prepare('SELECT bytes FROM events WHERE log = ? AND seq = ?').pluck().get(row.case_id, row.event_seq) as Buffer;
  const members = (parseEvent(new Uint8Array(bytes)).details.folder as { members?: { name: string; evidence: string }[] } | undefined)?.members ?? [];
  const byName = new Map(members.map((m) => [m.name, m.evidence]));
  return (file) => {
    const id = file === undefined ? undefined : byName.get(file);
    const member = id ? requireAnyEvidence(vault, id) : undefined;
    return member ? evidencePath(vault, member) : undefined;
  };
}
