// SPDX-License-Identifier: UNLICENSED
// Import: fingerprint every file in one streamed pass (copying it into the object store in the same
// pass unless --in-place), then record all evidence rows and their signed evidence.acquired events
// in one transaction. The batch is atomic: on any failure or cancellation nothing is recorded and
// every object this import created is removed again.
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { ImportError } from '../../../shared/errors.js';
import type { Signer } from '../keys/signer.js';
import { appendEvent } from '../vault/custodyLog.js';
import { ensureExaminer, requireOpenCase } from '../vault/cases.js';
import { evidenceBySha256, insertEvidence, type EvidenceRow } from '../vault/queries/evidence.js';
import type { Vault } from '../vault/vault.js';
import { collectFiles, type SourceFile } from './collectFiles.js';
import { fingerprintFile, type Fingerprint } from './fingerprint.js';
import { detectKind, type EvidenceKind } from './kind.js';
import { TOOL_VERSION } from '../version.js';
import { ingestLog, type LogIngestSummary } from './logs/ingestLog.js';
import type { LogFormat } from './logs/format.js';
import { PII_DETECTOR, PII_DETECTOR_VERSION } from '../../../shared/pii/version.js';
import { RULESET_VERSION, rulesetHash } from '../../../shared/rules/ruleset.js';
import { recordFindings } from './logs/recordFindings.js';
import { FindingSink } from './logs/findingSink.js';
import { prepareModel, recordModelScan, storeModel } from './models/modelIngest.js';
import type { WeightsDigest } from './models/tensorDigester.js';
import type { ModelInspection } from '../../../shared/models/types.js';
import type { JsonValue } from '../../../shared/canonicalJson.js';
import { assembleImportedFolders } from './models/folderIngest.js';
import { folderWeightsDigest } from './models/modelFolder.js';

export interface ImportOptions {
  inPlace?: boolean;
  legacyHashes?: boolean;
  /** Parse every file as a log of this format (otherwise logs are detected by content and name). */
  format?: LogFormat;
  /** Year for syslog lines that carry none (default: the year of the file's modification time). */
  year?: number;
  /** Refuse a log with any malformed record instead of keeping and flagging it. */
  strict?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: { file: SourceFile; index: number; count: number; bytesDone: number; bytesTotal: number }) => void;
}

export interface ImportedItem {
  id: string;
  name: string;
  sha256: string;
  size: number;
  kind: EvidenceKind;
  duplicate: boolean;
  stored: boolean;
  md5?: string;
  sha1?: string;
  sourcePath: string;
  /** Sequence number of the evidence.acquired event (absent for duplicates). */
  seq?: number;
  /** For logs: what the parser found. */
  log?: { format: string; records: number; malformed: number; recordsRoot: string; pii: number; findings?: number };
  /** For model artifacts: the format, the pickle-scan verdict and the weights root. */
  model?: { format: string; verdict: string | null; tensors: number; weightsRoot: string | null; globals: string[] };
}

interface Pending {
  file: SourceFile;
  fp: Fingerprint;
  kind: EvidenceKind;
  duplicateOf?: EvidenceRow | Pending;
  id: string;
  mtime: Date;
  model?: { inspection: ModelInspection; weights: WeightsDigest | undefined };
  /** A model folder recorded as one unit: its files' evidence ids. */
  folder?: { members: { name: string; evidence: string }[] };
}

export async function importEvidence(vault: Vault, signer: Signer, caseRef: string, paths: readonly string[], options: ImportOptions = {}): Promise<ImportedItem[]> {
  const theCase = requireOpenCase(vault, caseRef);
  const files = await collectFiles(paths);
  const createdObjects: string[] = [];
  const pending: Pending[] = [];
  let tempPath: string | undefined;
  try {
    for (const [index, file] of files.entries()) {
      if (options.signal?.aborted) throw new ImportError('CANCELLED', 'import cancelled; nothing was recorded');
      tempPath = options.inPlace ? undefined : vault.objects.tempPath();
      const stat = await fs.stat(file.path).catch(() => undefined);
      // Model artifacts: the header is inspected first, so every tensor is digested from the one read.
      const prepared = options.format || !stat ? undefined : await prepareModel(file.path, file.name, stat.size);
      let fp: Fingerprint;
      try {
        fp = await fingerprintFile(file.path, {
          legacyHashes: options.legacyHashes,
          copyTo: tempPath,
          signal: options.signal,
          onProgress: (bytesDone, bytesTotal) => options.onProgress?.({ file, index, count: files.length, bytesDone, bytesTotal }),
          onChunk: prepared?.digester ? (chunk, offset) => prepared.digester!.update(chunk, offset) : undefined,
        });
      } catch (err) {
        await prepared?.digester?.abort();
        throw err;
      }
      const weights = prepared?.digester ? await prepared.digester.finish() : undefined;
      const duplicateOf = evidenceBySha256(vault.db, theCase.id, fp.sha256) ?? pending.find((p) => p.fp.sha256 === fp.sha256 && !p.duplicateOf);
      if (tempPath) {
        if (duplicateOf) await fs.rm(tempPath, { force: true });
        else if (await vault.objects.commit(tempPath, fp.sha256)) createdObjects.push(fp.sha256);
        tempPath = undefined;
      }
      const kind = options.format ? 'log' : prepared ? 'model' : detectKind(file.name, fp.head);
      pending.push({ file, fp, kind, duplicateOf, id: randomUUID(), mtime: stat?.mtime ?? new Date(), ...(prepared ? { model: { inspection: prepared.inspection, weights } } : {}) });
    }
    // Model folders (a Hugging Face snapshot, sharded weights): one more evidence item per folder,
    // whose object is the folder manifest and whose acquisition carries the folder facts.
    const folders = await assembleImportedFolders(pending.map((p) => ({ file: p.file, fp: p.fp, model: p.model, evidenceId: p.duplicateOf ? p.duplicateOf.id : p.id, readPath: p.file.path })));
    for (const unit of folders) {
      const sha256 = createHash('sha256').update(unit.manifest).digest('hex');
      const duplicateOf = evidenceBySha256(vault.db, theCase.id, sha256);
      if (!duplicateOf) {
        tempPath = vault.objects.tempPath();
        await writeSynced(tempPath, unit.manifest);
        if (await vault.objects.commit(tempPath, sha256)) createdObjects.push(sha256);
        tempPath = undefined;
      }
      pending.push({
        file: { path: unit.root, name: `${unit.name}/` },
        fp: { size: unit.manifest.length, sha256, head: unit.manifest.subarray(0, 64) },
        kind: 'model',
        ...(duplicateOf ? { duplicateOf } : {}),
        id: randomUUID(),
        mtime: new Date(),
        model: { inspection: unit.inspection, weights: unit.weights && folderWeightsDigest(unit.weights) },
        folder: { members: unit.members },
      });
    }
    if (options.signal?.aborted) throw new ImportError('CANCELLED', 'import cancelled; nothing was recorded');
    ensureExaminer(vault, signer);
    // One transaction for the whole batch; it spans the async log parsing, so it is opened by hand.
    const db = vault.db;
    db.exec('BEGIN IMMEDIATE');
    try {
      const items: ImportedItem[] = [];
      for (const p of pending) {
        const path = options.inPlace ? p.file.path : vault.objects.pathOf(p.fp.sha256);
        const sink = p.kind === 'log' && !p.duplicateOf ? new FindingSink(db) : undefined;
        const log = sink
          ? await ingestLog(db, theCase.id, p.id, path, p.file.name, {
              format: options.format,
              year: options.year ?? p.mtime.getUTCFullYear(),
              signal: options.signal,
              findings: sink,
            })
          : undefined;
        if (options.signal?.aborted) throw new ImportError('CANCELLED', 'import cancelled; nothing was recorded');
        if (options.strict && log?.firstMalformed) {
          const m = log.firstMalformed;
          throw new ImportError('BAD_INPUT', `${p.file.name} has ${log.malformed} malformed record(s), the first at line ${m.line} (${m.reason}); nothing was recorded (--strict)`);
        }
        const item = record(vault, signer, theCase.id, p, p.folder ? true : !options.inPlace, log);
        if (sink && log) {
          // After the acquisition event: findings rest on records the log already holds.
          item.log!.findings = recordFindings(db, signer, theCase.id, p.id, sink, { name: 'evault-rules', version: RULESET_VERSION, hash: rulesetHash() });
        }
        items.push(item);
      }
      db.exec('COMMIT');
      return items;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  } catch (err) {
    if (tempPath) await fs.rm(tempPath, { force: true });
    // These objects did not exist before this import, so no evidence row can refer to them.
    for (const sha256 of createdObjects) await vault.objects.discard(sha256);
    throw err;
  }
}

function record(vault: Vault, signer: Signer, caseId: string, p: Pending, stored: boolean, log?: LogIngestSummary): ImportedItem {
  const base = { name: p.file.name, sha256: p.fp.sha256, size: p.fp.size, kind: p.kind, sourcePath: p.file.path, ...(p.fp.md5 ? { md5: p.fp.md5, sha1: p.fp.sha1 } : {}) };
  if (p.duplicateOf) {
    const dup = p.duplicateOf;
    return { ...base, id: dup.id, duplicate: true, stored: 'stored' in dup ? dup.stored === 1 : stored };
  }
  const details = {
    name: p.file.name,
    size: p.fp.size,
    sha256: p.fp.sha256,
    ...(p.fp.md5 ? { md5: p.fp.md5, sha1: p.fp.sha1! } : {}),
    kind: p.kind,
    sourcePath: p.file.path,
    stored,
    tool: TOOL_VERSION,
    ...(log ? { log: logDetails(log) } : {}),
    ...(p.model ? { model: storeModel(vault.db, p.id, p.model.inspection, p.model.weights) as { [key: string]: JsonValue } } : {}),
    ...(p.folder ? { folder: { members: p.folder.members } } : {}),
  };
  const { event } = appendEvent(vault.db, signer, { caseId, action: 'evidence.acquired', evidence: p.id, details });
  insertEvidence(vault.db, {
    id: p.id,
    case_id: caseId,
    name: p.file.name,
    kind: p.kind,
    size: p.fp.size,
    sha256: p.fp.sha256,
    md5: p.fp.md5 ?? null,
    sha1: p.fp.sha1 ?? null,
    stored: stored ? 1 : 0,
    source_path: p.file.path,
    acquired_at: event.at,
    acquired_by: signer.fingerprint,
    event_seq: event.seq,
  });
  if (p.model && !p.folder) recordModelScan(vault.db, signer, caseId, p.id, p.model.inspection);
  if (log) {
    // The PII scan is a finding of its own, bound by a digest over every match stored for this log.
    appendEvent(vault.db, signer, {
      caseId,
      action: 'finding.recorded',
      evidence: p.id,
      details: { type: 'pii.scan', detector: PII_DETECTOR, detectorVersion: PII_DETECTOR_VERSION, matches: log.pii.total, counts: log.pii.counts, digest: log.pii.digest },
    });
  }
  return {
    ...base,
    id: p.id,
    duplicate: false,
    stored,
    seq: event.seq,
    ...(log ? { log: { format: log.format, records: log.records, malformed: log.malformed, recordsRoot: log.recordsRoot, pii: log.pii.total } } : {}),
    ...(p.model
      ? { model: { format: p.model.inspection.format, verdict: p.model.inspection.verdict ?? null, tensors: p.model.weights?.tensors.length ?? 0, weightsRoot: p.model.weights?.weightsRoot ?? null, globals: p.model.inspection.globals ?? [] } }
      : {}),
  };
}

function logDetails(log: LogIngestSummary) {
  return {
    parser: log.parser,
    parserVersion: log.parserVersion,
    format: log.format,
    gzip: log.gzip,
    columns: log.columns,
    records: log.records,
    malformed: log.malformed,
    recordsRoot: log.recordsRoot,
    firstTimestamp: log.firstTimestamp,
    lastTimestamp: log.lastTimestamp,
    assumedYear: log.assumedYear,
    schemas: log.schemas,
  };
}

/** Writes a small object to its temp path and flushes it, as fingerprintFile does for copies. */
async function writeSynced(path: string, bytes: Buffer): Promise<void> {
  const handle = await fs.open(path, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
