// SPDX-License-Identifier: UNLICENSED
// Steps 13–14: inclusion proofs of the cited log records against the records roots the signed
// acquisitions carry, and — given an evidence folder — the files in it against the manifest.
import { fromHex } from '../../encoding.js';
import { verifyInclusion } from '../../crypto/merkle.js';
import type { EventIndex } from './custodySteps.js';
import { StepBuilder, type EvidenceOutcome, type ReportParts, type StepResult, type VerifyInput } from './types.js';

export function recordProofsStep(p: ReportParts, index: EventIndex): StepResult {
  const s = new StepBuilder('record-proofs', 'Cited records: inclusion proofs against the signed records roots');
  const m = p.manifest;
  if (!m) {
    s.fail('manifest', p.manifestError ?? 'missing');
    return s.done('no manifest');
  }
  if (m.recordProofs.length === 0) return s.skip('the report cites no log records');
  for (const r of m.recordProofs) {
    const ev = m.evidence.find((e) => e.id === r.evidence);
    const acquired = ev ? (index.get(ev.acquisitionSeq)?.details as { log?: { recordsRoot?: string; records?: number } } | undefined) : undefined;
    const root = acquired?.log?.recordsRoot;
    let ok = false;
    try {
      ok = root !== undefined && acquired?.log?.records === r.treeSize && verifyInclusion(r.index, r.treeSize, fromHex(r.leafHash), r.proof.map(fromHex), fromHex(root));
    } catch {
      ok = false;
    }
    s.check(`record ${r.index} of ${ev?.name ?? r.evidence}`, ok, `in records root ${root?.slice(0, 16) ?? '?'}…`, ok ? 'proven' : 'not proven');
  }
  // Every record the examiner chose to cite must be among the proven ones.
  const cite = m.options.cite ?? [];
  for (const c of cite) {
    const has = m.recordProofs.some((r) => r.evidence === c.evidence && r.index === c.index);
    if (!has) s.check(`record ${c.index} of ${m.evidence.find((e) => e.id === c.evidence)?.name ?? c.evidence}, cited by the examiner`, false, 'an inclusion proof', 'none in the manifest');
  }
  return s.done(`${m.recordProofs.length} cited records${cite.length ? `, ${cite.length} of them chosen by the examiner` : ''}`);
}

/** Matches evidence files (path → SHA-256) against the manifest: by name first, then by digest. */
export function evidenceFilesStep(p: ReportParts, input: VerifyInput): { step: StepResult; outcomes: EvidenceOutcome[] } {
  const s = new StepBuilder('evidence-files', 'Evidence files: re-hashed and compared with the manifest');
  const files = input.evidenceFiles;
  if (!files) return { step: s.skip('no evidence folder given (--evidence DIR)'), outcomes: [] };
  const m = p.manifest;
  if (!m) {
    s.fail('manifest', p.manifestError ?? 'missing');
    return { step: s.done('no manifest'), outcomes: [] };
  }
  const byDigest = new Map<string, string>();
  for (const [path, digest] of files) if (!byDigest.has(digest)) byDigest.set(digest, path);
  const used = new Set<string>();
  const outcomes: EvidenceOutcome[] = m.evidence.map((ev) => {
    // Names are relative to the parent of the folder imported ("exports/day2/b.log"); the folder
    // given here may be that folder itself, so the longest suffix of the name that exists counts.
    const parts = ev.name.split('/');
    const path = parts.map((_, i) => parts.slice(i).join('/')).find((p) => files.has(p));
    const atName = path === undefined ? undefined : files.get(path);
    if (atName === ev.sha256) {
      used.add(path!);
      return { name: ev.name, sha256: ev.sha256, outcome: 'matched', path: path! };
    }
    const elsewhere = byDigest.get(ev.sha256);
    if (elsewhere !== undefined) {
      used.add(elsewhere);
      return { name: ev.name, sha256: ev.sha256, outcome: 'matched', path: elsewhere };
    }
    if (atName !== undefined) {
      used.add(path!);
      return { name: ev.name, sha256: ev.sha256, outcome: 'changed', path: path!, found: atName };
    }
    return { name: ev.name, sha256: ev.sha256, outcome: 'missing' };
  });
  for (const o of outcomes) s.check(`${o.name}: ${o.outcome}${o.path && !o.name.endsWith(o.path) ? ` (as ${o.path})` : ''}`, o.outcome === 'matched', o.sha256, o.found ?? (o.outcome === 'missing' ? 'no file with this name or digest' : o.sha256));
  if (outcomes.length === 0) s.fail('evidence', 'the manifest lists no evidence');
  const count = (k: EvidenceOutcome['outcome']) => outcomes.filter((o) => o.outcome === k).length;
  const extra = [...files.keys()].filter((f) => !used.has(f)).length;
  return { step: s.done(`${count('matched')} matched, ${count('missing')} missing, ${count('changed')} changed; ${extra} other file(s) in the folder`), outcomes };
}
