// SPDX-License-Identifier: UNLICENSED
// evault model-diff: the tensor and key diff of two sides, the element-wise statistics of every
// changed floating-point tensor (streamed from both files, each range re-hashed and checked against
// its recorded digest so the statistics are about the bytes the vault recorded), and, on request, the
// diff as a signed finding.recorded event.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { canonicalize, type JsonValue } from '../../../shared/canonicalJson.js';
import { EvaultError, ImportError } from '../../../shared/errors.js';
import { FloatDiff, floatKind } from '../../../shared/models/diff/floatDiff.js';
import { diffModels, type ModelDiff } from '../../../shared/models/diff/modelDiff.js';
import type { Signer } from '../keys/signer.js';
import { ensureExaminer, requireOpenCase } from '../vault/cases.js';
import { appendEvent, type AppendedEvent } from '../vault/custodyLog.js';
import type { Vault } from '../vault/vault.js';
import { TOOL_VERSION } from '../version.js';
import type { ResolvedSide, TensorLocation } from './diffSides.js';

const CHUNK = 4 * 1024 * 1024;
export const MODEL_DIFF_VERSION = 'evault-model-diff/1.0.0';

export async function runModelDiff(a: ResolvedSide, b: ResolvedSide, options: { elements?: boolean; signal?: AbortSignal } = {}): Promise<ModelDiff> {
  const diff = diffModels(a, b);
  if (options.elements === false) return diff;
  const handles = new Map<string, fs.FileHandle>();
  const open = async (path: string) => {
    let h = handles.get(path);
    if (!h) handles.set(path, (h = await fs.open(path, 'r')));
    return h;
  };
  try {
    for (const t of diff.tensors.bytesChanged) {
      const kind = floatKind(t.dtype);
      const la = a.locations.get(t.name);
      const lb = b.locations.get(t.name);
      if (!kind || !la || !lb || la.length !== lb.length) continue;
      const acc = new FloatDiff(kind);
      const ha = createHash('sha256');
      const hb = createHash('sha256');
      const [fa, fb] = [await open(la.path), await open(lb.path)];
      const bufA = Buffer.allocUnsafe(CHUNK);
      const bufB = Buffer.allocUnsafe(CHUNK);
      for (let done = 0; done < la.length; ) {
        if (options.signal?.aborted) throw new ImportError('CANCELLED', 'model-diff cancelled');
        const n = Math.min(CHUNK, la.length - done);
        const [ra, rb] = await Promise.all([fa.read(bufA, 0, n, la.offset + done), fb.read(bufB, 0, n, lb.offset + done)]);
        if (ra.bytesRead !== n || rb.bytesRead !== n) throw new ImportError('SOURCE_CHANGED', `tensor ${t.name}: a file ended early; it changed since it was digested`);
        ha.update(bufA.subarray(0, n));
        hb.update(bufB.subarray(0, n));
        acc.update(bufA.subarray(0, n), bufB.subarray(0, n));
        done += n;
      }
      checkDigest(t.name, la, ha.digest('hex'));
      checkDigest(t.name, lb, hb.digest('hex'));
      t.elements = acc.finish();
    }
  } finally {
    for (const h of handles.values()) await h.close();
  }
  return diff;
}

function checkDigest(name: string, at: TensorLocation, found: string): void {
  if (found !== at.sha256) throw new ImportError('SOURCE_CHANGED', `tensor ${name} in ${at.path} no longer has the digest it was recorded with (${at.sha256.slice(0, 16)}…, now ${found.slice(0, 16)}…)`);
}

/** The diff as a signed finding on the first side that is an evidence item. */
export function recordModelDiff(vault: Vault, signer: Signer, diff: ModelDiff, a: ResolvedSide, b: ResolvedSide): AppendedEvent {
  const anchor = a.evidence ?? b.evidence;
  if (!anchor) throw new EvaultError('USAGE', '--record needs at least one side to be an evidence item (the finding is recorded in its case)');
  const theCase = requireOpenCase(vault, anchor.case_id);
  const sideOf = (s: ResolvedSide) => ({ ...(s.evidence ? { evidence: s.evidence.id, name: s.evidence.name } : { path: s.path ?? s.label }), format: s.format, sha256: s.sha256 ?? null, weightsRoot: s.weightsRoot ?? null });
  const t = diff.tensors;
  const details = {
    type: 'model.diff',
    tool: MODEL_DIFF_VERSION,
    toolVersion: TOOL_VERSION,
    a: sideOf(a),
    b: sideOf(b),
    summary: diff.headlines.join('; '),
    headlines: diff.headlines,
    weightsIdentical: diff.weightsIdentical,
    metadataIdentical: diff.metadataIdentical,
    counts: { identical: t.identical, bytesChanged: t.bytesChanged.length, added: t.added.length, removed: t.removed.length, renamed: t.renamed.length, dtypeChanged: t.dtypeChanged.length, shapeChanged: t.shapeChanged.length, keysAdded: diff.keys.added.length, keysRemoved: diff.keys.removed.length, keysChanged: diff.keys.changed.length },
    tensorsChanged: t.bytesChanged.slice(0, 100).map((c) => ({ name: c.name, dtype: c.dtype, ...(c.elements ? { elements: c.elements.elements, differing: c.elements.differing, maxAbsDiff: c.elements.maxAbsDiff, meanAbsDiff: c.elements.meanAbsDiff } : {}) })),
    renamed: t.renamed.slice(0, 100),
    added: t.added.slice(0, 100),
    removed: t.removed.slice(0, 100),
    keysChanged: [...diff.keys.changed.map((k) => k.key), ...diff.keys.added.map((k) => k.key), ...diff.keys.removed.map((k) => k.key)].slice(0, 100),
    /** SHA-256 of the RFC 8785 JSON of the whole diff (what --json prints), binding the parts cut here. */
    diffSha256: createHash('sha256').update(canonicalize(diff)).digest('hex'),
  };
  ensureExaminer(vault, signer);
  return vault.db.transaction(() => appendEvent(vault.db, signer, { caseId: theCase.id, action: 'finding.recorded', evidence: anchor.id, details: details as unknown as { [key: string]: JsonValue } }))();
}
