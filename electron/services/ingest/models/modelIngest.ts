// SPDX-License-Identifier: UNLICENSED
// Model evidence in the import: inspect the header before the single read, digest every tensor from
// that same read (on a worker thread), then store the inspection and tensor digests and sign the
// weights root and the pickle verdict.
import { extname } from 'node:path';
import { modelAcquiredDetails, modelScanFinding } from '../../../../shared/models/evidence.js';
import type { ModelInspection } from '../../../../shared/models/types.js';
import type { Signer } from '../../keys/signer.js';
import { appendEvent } from '../../vault/custodyLog.js';
import type { Db } from '../../vault/db.js';
import { stmt } from '../../vault/queries/statements.js';
import { DigesterWorker } from './digesterWorker.js';
import { inspectModelFile } from './inspectModelFile.js';
import type { WeightsDigest } from './tensorDigester.js';

/** Formats that are models whatever the file is called. */
const MODEL_FORMATS = new Set(['safetensors', 'gguf', 'onnx', 'pytorch-zip', 'pytorch-legacy', 'npy', 'npz', 'keras', 'hdf5']);
/** A bare pickle, zip or 7z is model evidence when it carries a pickle verdict or a model-ish name. */
const MODEL_EXTENSIONS = new Set(['.pkl', '.pickle', '.joblib', '.pt', '.pth', '.ckpt', '.bin', '.dat', '.data', '.npz', '.zip', '.7z', '.h5', '.keras']);

export function isModelEvidence(inspection: ModelInspection, name: string): boolean {
  if (MODEL_FORMATS.has(inspection.format)) return true;
  // A binary pickle (protocol 2+ starts with PROTO) is one whatever its name; a text-protocol
  // "pickle" is only a guess from opcodes — a CSV can parse as a few of them — so its name must say so.
  if (inspection.format === 'pickle') return (inspection.pickle?.pickles[0]?.protocol ?? 0) >= 2 || MODEL_EXTENSIONS.has(extname(name).toLowerCase());
  if (inspection.format === 'zip' || inspection.format === '7z') return inspection.verdict !== undefined && inspection.verdict !== 'safe' ? true : MODEL_EXTENSIONS.has(extname(name).toLowerCase());
  return false;
}

export interface PreparedModel {
  inspection: ModelInspection;
  digester: DigesterWorker | undefined;
}

/** Header-only inspection (cheap at any size) and, when it lists tensors, a digester for the read. */
export async function prepareModel(path: string, name: string, size: number): Promise<PreparedModel | undefined> {
  let inspection: ModelInspection;
  try {
    inspection = await inspectModelFile(path);
  } catch {
    return undefined; // not readable as a model: the plain fingerprint pass reports any read error
  }
  if (!isModelEvidence(inspection, name)) return undefined;
  const tensors = inspection.tensors ?? [];
  return { inspection, digester: tensors.length > 0 ? DigesterWorker.start(tensors, size) : undefined };
}

/** Stores the inspection and tensor digests; returns the `model` details for evidence.acquired. */
export function storeModel(db: Db, evidenceId: string, inspection: ModelInspection, weights: WeightsDigest | undefined): Record<string, unknown> {
  stmt(db, 'INSERT INTO model_meta (evidence_id, format, verdict, weights_root, metadata_sha256, inspection) VALUES (?, ?, ?, ?, ?, ?)').run(
    evidenceId,
    inspection.format,
    inspection.verdict ?? null,
    weights?.weightsRoot ?? null,
    weights?.metadataSha256 ?? null,
    JSON.stringify(inspection),
  );
  const insert = stmt(db, 'INSERT INTO model_tensors (evidence_id, ordinal, name, dtype, shape, offset, length, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  weights?.tensors.forEach((t, i) => insert.run(evidenceId, i, t.name, t.dtype, JSON.stringify(t.shape), t.offset, t.length, t.sha256));
  return modelAcquiredDetails(inspection, weights && { weightsRoot: weights.weightsRoot, metadataSha256: weights.metadataSha256, tensorCount: weights.tensors.length, tensorBytes: weights.tensorBytes });
}

/** The pickle-scan verdict as a signed finding naming the scanner, its version and its rules hash. */
export function recordModelScan(db: Db, signer: Signer, caseId: string, evidenceId: string, inspection: ModelInspection): void {
  const details = modelScanFinding(inspection);
  if (details) appendEvent(db, signer, { caseId, action: 'finding.recorded', evidence: evidenceId, details: details as Record<string, never> });
}
