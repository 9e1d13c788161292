// SPDX-License-Identifier: UNLICENSED
// Steps 9–12: the custody events (signatures, prev links, what the manifest says about them), the
// embedded checkpoint's signature and root, and the consistency proof from the previous report.
import { fromHex, toHex } from '../../encoding.js';
import { keyFingerprint } from '../../crypto/keyFingerprint.js';
import { leafHash, merkleRoot, verifyConsistency } from '../../crypto/merkle.js';
import { parseCheckpoint, parseNote, verifyNote } from '../../crypto/signedNote.js';
import type { CustodyEvent } from '../../custody/event.js';
import { verifyLog } from '../../custody/verifyLog.js';
import type { ManifestCheckpoint, ReportManifest } from '../manifest.js';
import { checkpointOrigin, noteKeyName } from '../../custody/names.js';
import type { ReportIssuedDetails } from '../names.js';
import { StepBuilder, type ReportParts, type StepResult, type VerifyDeps } from './types.js';

const MAX_LISTED = 20;

function examinerKeys(m: ReportManifest): Map<string, Uint8Array> {
  const keys = new Map<string, Uint8Array>();
  for (const e of [...m.examiners, m.signer]) {
    try {
      const key = fromHex(e.publicKey);
      if (keyFingerprint(key) === e.fingerprint) keys.set(e.fingerprint, key);
    } catch {
      // A malformed key is simply not trusted; events it signed fail as UNKNOWN_SIGNER.
    }
  }
  return keys;
}

/** The parsed events, by seq; shared by the later steps. */
export type EventIndex = Map<number, CustodyEvent>;

export function custodyStep(p: ReportParts, deps: VerifyDeps): { step: StepResult; index: EventIndex } {
  const s = new StepBuilder('custody-events', 'Custody log: every event’s signature, sequence and prev link');
  const index: EventIndex = new Map();
  const m = p.manifest;
  if (!m || !p.events) {
    s.fail(p.events ? 'manifest' : 'custody.jsonl parses', (p.events ? p.manifestError : p.eventsError) ?? 'missing');
    return { step: s.done('nothing to check'), index };
  }
  const r = verifyLog(m.case.id, m.case.id, p.events, examinerKeys(m), deps.ed25519Verify);
  r.parsed.forEach((e, seq) => index.set(seq, e));
  s.check(`${p.events.length} events verify (signature, hash, canonical form, seq, prev)`, r.issues.length === 0, 'no problems', r.issues.length === 0 ? 'no problems' : `${r.issues.length} problems`);
  for (const i of r.issues.slice(0, MAX_LISTED)) s.check(`event ${i.seq}: ${i.code}`, false, i.expected, i.found, i.message);
  const listed = m.custody.events;
  const same = listed.length === p.events.length && listed.every((e, i) => e.seq === p.events![i]!.seq && e.hash === p.events![i]!.hash);
  s.check('events are the ones the manifest lists', same, `${listed.length} events`, `${p.events.length} events${same ? '' : ', differing'}`);
  s.check('manifest names this case log', m.custody.log === m.case.id && m.custody.size === listed.length, `${m.case.id} (${listed.length})`, `${m.custody.log} (${m.custody.size})`);
  const created = index.get(1);
  const cd = created?.details as { number?: string; vault?: string } | undefined;
  s.check('case.created names the manifest’s case', created?.action === 'case.created' && cd?.number === m.case.number && cd?.vault === m.case.vault, `${m.case.number} in vault ${m.case.vault}`, created ? `${cd?.number} in vault ${cd?.vault}` : 'no event 1');
  let mismatched = 0;
  for (const ev of m.evidence) {
    const acq = index.get(ev.acquisitionSeq);
    const d = acq?.details as { name?: string; sha256?: string; size?: number; log?: { recordsRoot?: string }; model?: { format?: string; weights?: { root?: string } } } | undefined;
    const modelOk = !ev.model || (d?.model?.format === ev.model.format && (d.model.weights?.root ?? null) === ev.model.weightsRoot);
    const ok = acq?.action === 'evidence.acquired' && acq.evidence === ev.id && d?.sha256 === ev.sha256 && d?.size === ev.size && d?.name === ev.name && (ev.log === null || d?.log?.recordsRoot === ev.log.recordsRoot) && modelOk;
    if (!ok && mismatched++ < MAX_LISTED) s.check(`evidence ${ev.name} matches its signed acquisition (event ${ev.acquisitionSeq})`, false, ev.sha256, d?.sha256 ?? 'no such event');
  }
  s.check(`${m.evidence.length} evidence items match their signed evidence.acquired events`, mismatched === 0, String(m.evidence.length), String(m.evidence.length - mismatched));
  return { step: s.done(`${p.events.length} events of case ${m.case.number}`), index };
}

/** Which examiner signed a checkpoint note; null if none of the manifest's examiners did. */
function checkpointSigner(note: string, m: ReportManifest, deps: VerifyDeps): string | null {
  for (const [fp, key] of examinerKeys(m)) if (verifyNote(note, noteKeyName(fp), key, deps.ed25519Verify)) return fp;
  return null;
}

function checkCheckpoint(s: StepBuilder, label: string, c: ManifestCheckpoint, m: ReportManifest, deps: VerifyDeps): boolean {
  const signer = checkpointSigner(c.note, m, deps);
  let ok = s.check(`${label}: signed note by an examiner`, signer !== null, 'valid signature', signer ? `valid, by ${signer.slice(0, 16)}…` : 'no valid signature');
  try {
    const body = parseCheckpoint(parseNote(c.note).text);
    const origin = checkpointOrigin(m.case.vault, m.case.id);
    ok = s.check(`${label}: origin is this case log`, body.origin === origin, origin, body.origin) && ok;
    ok = s.check(`${label}: size and root as the manifest says`, body.size === c.size && toHex(body.root) === c.root, `${c.size} ${c.root}`, `${body.size} ${toHex(body.root)}`) && ok;
  } catch (e) {
    ok = s.fail(`${label}: checkpoint body`, (e as Error).message);
  }
  return ok;
}

export function checkpointSignatureStep(p: ReportParts, deps: VerifyDeps): StepResult {
  const s = new StepBuilder('checkpoint-signature', 'Checkpoint: C2SP signed note by the examiner, for this case log');
  const m = p.manifest;
  if (!m) {
    s.fail('manifest', p.manifestError ?? 'missing');
    return s.done('no manifest');
  }
  checkCheckpoint(s, 'checkpoint', m.checkpoint, m, deps);
  return s.done(`tree size ${m.checkpoint.size}, root ${m.checkpoint.root}`);
}

export function checkpointRootStep(p: ReportParts): StepResult {
  const s = new StepBuilder('checkpoint-root', 'Checkpoint: the custody events reproduce its Merkle root (RFC 9162)');
  const m = p.manifest;
  if (!m || !p.events) {
    s.fail('inputs', 'manifest or custody.jsonl unreadable');
    return s.done('nothing to check');
  }
  s.check('tree size equals the number of events', p.events.length === m.checkpoint.size, String(m.checkpoint.size), String(p.events.length));
  const root = toHex(merkleRoot(p.events.map((e) => leafHash(e.bytes))));
  s.check('Merkle root of the events', root === m.checkpoint.root, m.checkpoint.root, root);
  return s.done(`${p.events.length} leaves`);
}

export function consistencyStep(p: ReportParts, index: EventIndex, deps: VerifyDeps): StepResult {
  const s = new StepBuilder('consistency-proof', 'Consistency: this log extends the one the previous report checkpointed');
  const m = p.manifest;
  if (!m) {
    s.fail('manifest', p.manifestError ?? 'missing');
    return s.done('no manifest');
  }
  const issued = [...index.entries()].filter(([, e]) => e.action === 'report.issued').sort((a, b) => a[0] - b[0]);
  const last = issued[issued.length - 1];
  const prev = m.previous;
  if (!prev) {
    if (!last) return s.skip('first report of this case: no earlier report.issued event');
    s.fail('previous report', `the log records report ${(last[1].details as { reportId?: string }).reportId} (event ${last[0]}) but the manifest gives no consistency proof`);
    return s.done('missing proof');
  }
  s.check('previous report is the latest report.issued event', last?.[0] === prev.issuedSeq, String(last?.[0] ?? 'none'), String(prev.issuedSeq));
  const d = index.get(prev.issuedSeq)?.details as Partial<ReportIssuedDetails> | undefined;
  s.check('report.issued event records this report and checkpoint', d?.reportId === prev.reportId && d?.pdfSha256 === prev.pdfSha256 && d?.checkpoint?.note === prev.checkpoint.note, `${prev.reportId} ${prev.pdfSha256.slice(0, 16)}…`, d ? `${d.reportId} ${d.pdfSha256?.slice(0, 16)}…` : 'no such event');
  checkCheckpoint(s, 'previous checkpoint', prev.checkpoint, m, deps);
  let ok = false;
  try {
    ok = verifyConsistency(prev.checkpoint.size, m.checkpoint.size, fromHex(prev.checkpoint.root), fromHex(m.checkpoint.root), prev.consistency.map(fromHex));
  } catch {
    ok = false;
  }
  s.check(`RFC 9162 consistency proof ${prev.checkpoint.size} → ${m.checkpoint.size}`, ok, 'valid', ok ? 'valid' : 'invalid');
  return s.done(`from report ${prev.reportId} (tree size ${prev.checkpoint.size})`);
}
