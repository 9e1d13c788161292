// SPDX-License-Identifier: UNLICENSED
// verify-vault: checks everything in a vault and lists every failure precisely. It opens the
// database read-only and reports a damaged database as a finding, not a crash.
import Database from 'better-sqlite3';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { join, resolve } from 'node:path';
import { bytesEqual, toHex } from '../../../shared/encoding.js';
import { keyFingerprint } from '../../../shared/crypto/keyFingerprint.js';
import { leafHash, merkleRoot } from '../../../shared/crypto/merkle.js';
import { parseCheckpoint, verifyNote } from '../../../shared/crypto/signedNote.js';
import type { Ed25519Verify } from '../../../shared/crypto/ed25519.js';
import { foldIncident } from '../../../shared/incident/record.js';
import { VAULT_LOG, type CustodyEvent } from '../../../shared/custody/event.js';
import { verifyLog, type VerifyIssue } from '../../../shared/custody/verifyLog.js';
import { createNodeVerify } from '../keys/nodeEd25519.js';
import { fingerprintFile } from '../ingest/fingerprint.js';
import { checkpointOrigin, companionPossessionMessage, noteKeyName } from '../../../shared/custody/names.js';
import { SCHEMA_VERSION } from './migrations/index.js';
import { ObjectStore } from './objectStore.js';
import { verifyFindingRows, verifyLogEvidence, verifyPlaceholderNumbers } from './verifyLogs.js';
import { verifyModelEvidence } from './verifyModels.js';
import { allCheckpoints } from './queries/checkpoints.js';
import { listCases } from './queries/cases.js';
import { allEvidence } from './queries/evidence.js';
import { allLogs, logEvents, toSignedEvent } from './queries/events.js';
import { listExaminers } from './queries/examiners.js';
import type { Db } from './db.js';

export interface VaultVerification {
  ok: boolean;
  vault: string;
  counts: { logs: number; events: number; evidence: number; objects: number; checkpoints: number };
  /** Failures: anything here means the vault is not as it was recorded. */
  issues: VerifyIssue[];
  /** Worth knowing but not a failure: an in-place source on a disconnected drive, an unreferenced object. */
  warnings: VerifyIssue[];
}

export interface VerifyVaultOptions {
  verify?: Ed25519Verify;
  /**
   * Checkpoints kept outside the vault (printed in a report, e-mailed, filed). Someone able to
   * rewrite vault.db can also drop the vault's own recent checkpoints; an outside copy cannot be.
   */
  externalCheckpoints?: { note: string; source: string }[];
}

export async function verifyVault(dirInput: string, options: VerifyVaultOptions = {}): Promise<VaultVerification> {
  const verify = options.verify ?? createNodeVerify();
  const external = options.externalCheckpoints ?? [];
  const dir = resolve(dirInput);
  const result: VaultVerification = { ok: false, vault: dir, counts: { logs: 0, events: 0, evidence: 0, objects: 0, checkpoints: 0 }, issues: [], warnings: [] };
  let db: Db;
  try {
    db = new Database(join(dir, 'vault.db'), { readonly: true, fileMustExist: true });
  } catch (err) {
    result.issues.push({ code: 'DB_CORRUPT', message: `cannot open vault.db: ${(err as Error).message}` });
    return result;
  }
  try {
    await checkAll(db, dir, verify, external, result);
  } catch (err) {
    // Any query failing here means the database itself is damaged (e.g. truncated).
    result.issues.push({ code: 'DB_CORRUPT', message: `vault.db cannot be read: ${(err as Error).message}` });
  } finally {
    db.close();
  }
  result.ok = result.issues.length === 0;
  return result;
}

async function checkAll(db: Db, dir: string, verify: Ed25519Verify, external: { note: string; source: string }[], result: VaultVerification): Promise<void> {
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  const problems = integrity.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  if (problems.length) result.issues.push({ code: 'DB_CORRUPT', message: `SQLite integrity check failed: ${problems.slice(0, 5).join('; ')}` });
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    result.issues.push({ code: 'DB_FROM_FUTURE', message: `schema version ${version} is newer than this verifier's ${SCHEMA_VERSION}`, expected: String(SCHEMA_VERSION), found: String(version) });
    return;
  }
  const { id: vaultId } = db.prepare('SELECT id FROM vault_info LIMIT 1').get() as { id: string };
  const issue = (i: VerifyIssue) => result.issues.push(i);

  // Examiner keys: the fingerprint must be the key's hash.
  const keys = new Map<string, Uint8Array>();
  for (const ex of listExaminers(db)) {
    const pub = new Uint8Array(ex.public_key);
    if (keyFingerprint(pub) !== ex.fingerprint) issue({ code: 'EXAMINER_MISMATCH', log: VAULT_LOG, message: `examiner row's fingerprint is not the SHA-256 of its public key`, expected: keyFingerprint(pub), found: ex.fingerprint });
    keys.set(ex.fingerprint, pub);
  }

  // Every log: bytes, links, sequence, signatures.
  const parsedLogs = new Map<string, Map<number, CustodyEvent>>();
  const leavesByLog = new Map<string, Uint8Array[]>();
  const cases = listCases(db);
  const caseIds = new Set(cases.map((c) => c.id));
  for (const log of allLogs(db)) {
    if (log !== VAULT_LOG && !caseIds.has(log)) issue({ code: 'CASE_MISMATCH', log, message: 'a custody log exists for a case that is missing from the cases table' });
    const rows = logEvents(db, log);
    const v = verifyLog(log, log === VAULT_LOG ? null : log, rows.map(toSignedEvent), keys, verify);
    result.issues.push(...v.issues);
    parsedLogs.set(log, v.parsed);
    // The incident record lives only in these events: each change must name the value it replaces.
    if (log !== VAULT_LOG) for (const problem of foldIncident([...v.parsed.values()].sort((a, b) => a.seq - b.seq)).problems) issue({ code: 'INCIDENT_MISMATCH', log, seq: problem.seq, message: `incident.updated ${problem.message}` });
    leavesByLog.set(log, rows.map((r) => leafHash(new Uint8Array(r.bytes))));
    result.counts.logs++;
    result.counts.events += rows.length;
  }

  // Each examiner row must match the signed examiner.registered event that created it.
  const vaultEvents = parsedLogs.get(VAULT_LOG) ?? new Map<number, CustodyEvent>();
  for (const ex of listExaminers(db)) {
    const ev = vaultEvents.get(ex.registered_seq);
    const d = ev?.details;
    if (!ev || ev.action !== 'examiner.registered' || d?.fingerprint !== ex.fingerprint || d?.publicKey !== toHex(new Uint8Array(ex.public_key)) || d?.name !== ex.name || (d?.role ?? null) !== ex.role || (d?.organisation ?? null) !== ex.organisation) {
      issue({ code: 'EXAMINER_MISMATCH', log: VAULT_LOG, seq: ex.registered_seq, message: `examiner ${ex.fingerprint} does not match its examiner.registered event` });
    }
  }

  // Each companion binding must carry a valid proof of possession by the companion key.
  for (const ev of vaultEvents.values()) {
    if (ev.action !== 'examiner.companion_bound') continue;
    let valid = false;
    try {
      const key = createPublicKey({ key: Buffer.from(String(ev.details.spki), 'base64'), format: 'der', type: 'spki' });
      valid = ev.details.fingerprint === ev.actor && nodeVerify('sha256', companionPossessionMessage(ev.actor), key, Buffer.from(String(ev.details.possession), 'base64'));
    } catch {
      valid = false;
    }
    if (!valid) issue({ code: 'EXAMINER_MISMATCH', log: VAULT_LOG, seq: ev.seq, message: `companion key binding of ${ev.actor} has no valid proof of possession` });
  }

  // Each case row must match its case.created event (seq 1 of its log).
  for (const c of cases) {
    const ev = parsedLogs.get(c.id)?.get(1);
    if (!ev || ev.action !== 'case.created' || ev.details.number !== c.number || ev.details.title !== c.title) {
      issue({ code: 'CASE_MISMATCH', log: c.id, seq: 1, message: `case ${c.number} does not match its case.created event`, expected: `number=${c.number} title=${c.title}`, found: ev ? `number=${String(ev.details.number)} title=${String(ev.details.title)}` : 'no event' });
    }
  }

  await checkEvidence(db, dir, parsedLogs, result);
  verifyFindingRows(db, parsedLogs, result.issues);
  verifyPlaceholderNumbers(db, result.issues);
  const claims: CheckpointClaim[] = [
    ...allCheckpoints(db).map((cp) => ({ note: cp.note, source: 'vault', row: { log: cp.log, size: cp.size, root: cp.root, signer: cp.signer } })),
    ...external.map((c) => ({ note: c.note, source: c.source })),
  ];
  checkCheckpoints(claims, vaultId, keys, leavesByLog, verify, result);
}

async function checkEvidence(db: Db, dir: string, parsedLogs: Map<string, Map<number, CustodyEvent>>, result: VaultVerification): Promise<void> {
  const store = new ObjectStore(dir);
  const rows = allEvidence(db);
  const rowIds = new Set(rows.map((r) => r.id));
  result.counts.evidence = rows.length;
  for (const row of rows) {
    const at = { log: row.case_id, seq: row.event_seq, evidence: row.id };
    const ev = parsedLogs.get(row.case_id)?.get(row.event_seq);
    const d = ev?.details;
    if (!ev || ev.action !== 'evidence.acquired' || ev.evidence !== row.id || d?.sha256 !== row.sha256 || d?.size !== row.size || d?.name !== row.name) {
      result.issues.push({ ...at, code: 'EVIDENCE_MISMATCH', message: `evidence row ${row.name} does not match its signed evidence.acquired event`, expected: ev ? `sha256=${String(d?.sha256)} size=${String(d?.size)} name=${String(d?.name)}` : 'an evidence.acquired event', found: `sha256=${row.sha256} size=${row.size} name=${row.name}` });
    }
    const path = row.stored ? store.pathOf(row.sha256) : row.source_path;
    const found = await fingerprintFile(path).then((f) => f.sha256, () => null);
    if (found === null) {
      if (row.stored) result.issues.push({ ...at, object: path, code: 'OBJECT_MISSING', message: `stored object for ${row.name} is missing` });
      else result.warnings.push({ ...at, object: path, code: 'SOURCE_UNAVAILABLE', message: `in-place evidence ${row.name} is not reachable at its source path; connect the drive and verify again` });
    } else if (found !== row.sha256) {
      result.issues.push({ ...at, object: path, code: 'OBJECT_HASH_MISMATCH', message: `${row.stored ? 'stored object' : 'in-place source'} of ${row.name} no longer has its recorded SHA-256`, expected: row.sha256, found });
    }
    if (row.stored && found !== null) result.counts.objects++;
    if (found === row.sha256) await verifyLogEvidence(db, row, path, parsedLogs.get(row.case_id), result.issues);
    verifyModelEvidence(db, row, parsedLogs.get(row.case_id), result.issues);
  }
  // Every acquisition the logs signed must still have its evidence row.
  for (const [log, events] of parsedLogs) {
    for (const ev of events.values()) {
      if (ev.action === 'evidence.acquired' && ev.evidence && !rowIds.has(ev.evidence)) {
        result.issues.push({ code: 'EVIDENCE_MISSING', log, seq: ev.seq, evidence: ev.evidence, message: `evidence ${String(ev.details.name)} acquired in this event has no evidence row` });
      }
    }
  }
  const referenced = new Set(rows.filter((r) => r.stored).map((r) => r.sha256));
  for (const sha of await store.list()) {
    if (!referenced.has(sha)) result.warnings.push({ code: 'ORPHAN_OBJECT', object: store.pathOf(sha), message: 'object file not referenced by any evidence row' });
  }
}

/** A signed checkpoint to check against the logs: one the vault holds, or one kept outside it. */
interface CheckpointClaim {
  note: string;
  /** Where it came from, for messages: "vault" or the external file's path. */
  source: string;
  /** For the vault's own rows: what the row says, which must agree with the note. */
  row?: { log: string; size: number; root: string; signer: string };
}

function checkCheckpoints(claims: CheckpointClaim[], vaultId: string, keys: Map<string, Uint8Array>, leavesByLog: Map<string, Uint8Array[]>, verify: Ed25519Verify, result: VaultVerification): void {
  for (const claim of claims) {
    result.counts.checkpoints++;
    const fail = (code: VerifyIssue['code'], message: string, extra: Partial<VerifyIssue> = {}) =>
      result.issues.push({ ...(claim.row ? { log: claim.row.log, seq: claim.row.size } : { object: claim.source }), code, message, ...extra });
    let body;
    try {
      body = parseCheckpoint(claim.note.slice(0, claim.note.lastIndexOf('\n\n') + 1));
    } catch (err) {
      fail('CHECKPOINT_INVALID', `malformed checkpoint: ${(err as Error).message}`);
      continue;
    }
    const prefix = checkpointOrigin(vaultId, '');
    const log = body.origin.startsWith(prefix) ? body.origin.slice(prefix.length) : undefined;
    const at = claim.row ? { log: claim.row.log, seq: claim.row.size } : { log, seq: body.size };
    if (log === undefined) {
      fail('CHECKPOINT_INVALID', `checkpoint origin ${body.origin} is not a log of this vault (${prefix}…)`);
      continue;
    }
    // The signer: the row's, or for an external checkpoint any registered examiner whose key verifies it.
    const candidates = claim.row ? [claim.row.signer] : [...keys.keys()];
    const signer = candidates.find((fp) => keys.has(fp) && verifyNote(claim.note, noteKeyName(fp), keys.get(fp)!, verify));
    if (!signer) {
      fail(claim.row && !keys.has(claim.row.signer) ? 'UNKNOWN_SIGNER' : 'CHECKPOINT_INVALID', `checkpoint of size ${body.size} has no valid signature by ${claim.row ? claim.row.signer : 'a registered examiner'}`, at);
      continue;
    }
    if (claim.row && (claim.row.log !== log || claim.row.size !== body.size || claim.row.root !== toHex(body.root))) {
      fail('CHECKPOINT_INVALID', 'checkpoint row does not match its signed note', { ...at, expected: `${claim.row.log} ${claim.row.size} ${claim.row.root}`, found: `${log} ${body.size} ${toHex(body.root)}` });
    }
    const leaves = leavesByLog.get(log) ?? [];
    if (body.size > leaves.length) {
      fail('ROOT_MISMATCH', `signed checkpoint covers ${body.size} events but the log now has ${leaves.length}: events were removed`, { ...at, expected: String(body.size), found: String(leaves.length) });
      continue;
    }
    const root = merkleRoot(leaves.slice(0, body.size));
    if (!bytesEqual(root, body.root)) {
      fail('ROOT_MISMATCH', `the first ${body.size} events no longer reproduce the signed checkpoint root`, { ...at, expected: toHex(body.root), found: toHex(root) });
    }
  }
}
