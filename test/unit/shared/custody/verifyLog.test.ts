// SPDX-License-Identifier: UNLICENSED
// The custody log verifier: a valid log has no issues; each tamper yields the exact code at the exact seq.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { verifyLog } from '../../../../shared/custody/verifyLog.js';
import {
  CUSTODY_EVENT_TYPE,
  GENESIS_PREV,
  encodeEvent,
  eventHash,
  type CustodyAction,
  type CustodyEvent,
  type SignedEvent,
} from '../../../../shared/custody/event.js';
import { ed25519PublicKey, ed25519Sign, ed25519Verify } from '../../../../shared/crypto/ed25519.js';
import { keyFingerprint } from '../../../../shared/crypto/keyFingerprint.js';
import { fromHex, utf8 } from '../../../../shared/encoding.js';

const CASE = 'case-0001';
// RFC 8032 §7.1 TEST 1 and TEST 2 seeds as two examiners; only the first is registered.
const EXAMINER = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const STRANGER = fromHex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
const EXAMINER_FP = keyFingerprint(ed25519PublicKey(EXAMINER));
const KEYS: ReadonlyMap<string, Uint8Array> = new Map([[EXAMINER_FP, ed25519PublicKey(EXAMINER)]]);

const ACTIONS: CustodyAction[] = ['case.created', 'evidence.acquired', 'note.added', 'evidence.verified', 'checkpoint.issued'];

interface Tweak {
  /** Changes the event before it is encoded and signed. */
  event?: (e: CustodyEvent) => void;
  /** Replaces the canonical encoding (to sign non-canonical bytes). */
  encode?: (e: CustodyEvent) => Uint8Array;
  signer?: Uint8Array;
}

/** Builds a correctly chained and signed log of five events, applying `tweaks` by seq. */
function buildLog(tweaks: Record<number, Tweak> = {}): SignedEvent[] {
  const out: SignedEvent[] = [];
  let prev = GENESIS_PREV;
  for (let seq = 1; seq <= ACTIONS.length; seq++) {
    const tweak = tweaks[seq] ?? {};
    const signer = tweak.signer ?? EXAMINER;
    const event: CustodyEvent = {
      type: CUSTODY_EVENT_TYPE,
      case: CASE,
      seq,
      at: `2026-01-0${seq}T10:00:00.000Z`,
      actor: keyFingerprint(ed25519PublicKey(signer)),
      action: ACTIONS[seq - 1]!,
      evidence: seq === 1 ? null : 'a'.repeat(64),
      details: { note: `event number ${seq}` },
      prev,
    };
    tweak.event?.(event);
    const bytes = tweak.encode ? tweak.encode(event) : encodeEvent(event);
    const hash = eventHash(bytes);
    out.push({ seq, bytes, hash, signature: ed25519Sign(bytes, signer) });
    prev = hash;
  }
  return out;
}

/** The issues as "CODE@seq", in the order the verifier reports them. */
function issuesOf(entries: readonly SignedEvent[]): string[] {
  return verifyLog(CASE, CASE, entries, KEYS, ed25519Verify).issues.map((i) => `${i.code}@${i.seq}`);
}

/** Replaces the first occurrence of `from` with `to` (same length) inside the event bytes. */
function editBytes(e: SignedEvent, from: string, to: string): SignedEvent {
  const text = new TextDecoder().decode(e.bytes);
  assert.ok(text.includes(from) && from.length === to.length);
  return { ...e, bytes: utf8(text.replace(from, to)) };
}

describe('verifyLog', () => {
  test('a valid log of five events has no issues and every event is parsed', () => {
    const log = buildLog();
    const result = verifyLog(CASE, CASE, log, KEYS, ed25519Verify);
    assert.deepEqual(result.issues, []);
    assert.equal(result.events, 5);
    assert.deepEqual([...result.parsed.keys()], [1, 2, 3, 4, 5]);
    assert.equal(result.parsed.get(3)!.action, 'note.added');
    assert.deepEqual(verifyLog('vault', null, [], KEYS, ed25519Verify).issues, []);
  });

  test('a changed byte in an event: hash mismatch and bad signature there, broken chain after', () => {
    const log = buildLog();
    log[2] = editBytes(log[2]!, 'event number 3', 'event number X');
    assert.deepEqual(issuesOf(log), ['EVENT_HASH_MISMATCH@3', 'SIGNATURE_INVALID@3', 'CHAIN_BROKEN@4']);
    const last = buildLog();
    last[4] = editBytes(last[4]!, 'event number 5', 'event number 6');
    assert.deepEqual(issuesOf(last), ['EVENT_HASH_MISMATCH@5', 'SIGNATURE_INVALID@5']);
  });

  test('a changed byte with the stored hash recomputed still fails the signature and the chain', () => {
    const log = buildLog();
    const edited = editBytes(log[1]!, 'event number 2', 'event number 9');
    log[1] = { ...edited, hash: eventHash(edited.bytes) };
    assert.deepEqual(issuesOf(log), ['SIGNATURE_INVALID@2', 'CHAIN_BROKEN@3']);
  });

  test('a deleted event: SEQ_GAP and CHAIN_BROKEN once each, at the following seq', () => {
    const log = buildLog();
    assert.deepEqual(issuesOf([log[0]!, log[1]!, log[3]!, log[4]!]), ['SEQ_GAP@4', 'CHAIN_BROKEN@4']);
    assert.deepEqual(issuesOf(log.slice(1)), ['SEQ_GAP@2', 'CHAIN_BROKEN@2']);
    const issue = verifyLog(CASE, CASE, [log[0]!, log[2]!], KEYS, ed25519Verify).issues[0]!;
    assert.deepEqual([issue.expected, issue.found], ['2', '3']);
  });

  test('a truncated tail is not visible to verifyLog alone (a signed checkpoint covers that)', () => {
    assert.deepEqual(issuesOf(buildLog().slice(0, 3)), []);
  });

  test('signatures swapped between two events: SIGNATURE_INVALID at both', () => {
    const log = buildLog();
    const [a, b] = [log[1]!, log[3]!];
    log[1] = { ...a, signature: b.signature };
    log[3] = { ...b, signature: a.signature };
    assert.deepEqual(issuesOf(log), ['SIGNATURE_INVALID@2', 'SIGNATURE_INVALID@4']);
  });

  test('an event signed by a key that is not registered: UNKNOWN_SIGNER', () => {
    const log = buildLog({ 3: { signer: STRANGER } });
    assert.deepEqual(issuesOf(log), ['UNKNOWN_SIGNER@3']);
    // Claiming the registered examiner as actor does not help: the signature is then checked and fails.
    const forged = buildLog({ 3: { signer: STRANGER, event: (e) => void (e.actor = EXAMINER_FP) } });
    assert.deepEqual(issuesOf(forged), ['SIGNATURE_INVALID@3']);
  });

  test('non-canonical bytes, correctly hashed, chained and signed: EVENT_NOT_CANONICAL only', () => {
    const pretty = buildLog({ 2: { encode: (e) => utf8(JSON.stringify(e, null, 2)) } });
    assert.deepEqual(issuesOf(pretty), ['EVENT_NOT_CANONICAL@2']);
    const reordered = buildLog({ 4: { encode: (e) => utf8(JSON.stringify(Object.fromEntries(Object.entries(e).reverse()))) } });
    assert.deepEqual(issuesOf(reordered), ['EVENT_NOT_CANONICAL@4']);
  });

  test('an event that claims another case or another seq: LOG_MISMATCH', () => {
    assert.deepEqual(issuesOf(buildLog({ 3: { event: (e) => void (e.case = 'case-0002') } })), ['LOG_MISMATCH@3']);
    assert.deepEqual(issuesOf(buildLog({ 3: { event: (e) => void (e.case = null) } })), ['LOG_MISMATCH@3']);
    assert.deepEqual(issuesOf(buildLog({ 3: { event: (e) => void (e.seq = 7) } })), ['LOG_MISMATCH@3']);
    // The same log checked as the vault log (case null) mismatches at every event.
    const asVault = verifyLog('vault', null, buildLog(), KEYS, ed25519Verify).issues.map((i) => `${i.code}@${i.seq}`);
    assert.deepEqual(asVault, [1, 2, 3, 4, 5].map((s) => `LOG_MISMATCH@${s}`));
  });

  test('bytes that are not a custody event: EVENT_MALFORMED, and verification continues', () => {
    const log = buildLog();
    const garbage = [utf8('not json'), new Uint8Array([0x7b, 0xff, 0x7d]), utf8('{"type":"evault.custody.v1"}'), utf8('[]')];
    for (const bytes of garbage) {
      const copy = log.slice();
      copy[1] = { ...log[1]!, bytes, hash: eventHash(bytes), signature: ed25519Sign(bytes, EXAMINER) };
      assert.deepEqual(issuesOf(copy), ['EVENT_MALFORMED@2', 'CHAIN_BROKEN@3']);
    }
    const badTime = buildLog({ 2: { event: (e) => void (e.at = '2026-01-02 10:00:00') } });
    assert.deepEqual(issuesOf(badTime), ['EVENT_MALFORMED@2']);
  });

  test('issues carry the log name and the expected and found values', () => {
    const log = buildLog();
    log[2] = editBytes(log[2]!, 'event number 3', 'event number X');
    const [mismatch] = verifyLog(CASE, CASE, log, KEYS, ed25519Verify).issues;
    assert.equal(mismatch!.log, CASE);
    assert.equal(mismatch!.expected, eventHash(log[2]!.bytes));
    assert.equal(mismatch!.found, log[2]!.hash);
  });
});
