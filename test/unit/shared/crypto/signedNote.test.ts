// SPDX-License-Identifier: UNLICENSED
// C2SP signed-note and tlog-checkpoint, including notes recorded from Go's golang.org/x/mod/sumdb/note.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  formatCheckpoint,
  noteKeyId,
  noteVerifierKey,
  parseCheckpoint,
  parseNote,
  signNote,
  verifyNote,
} from '../../../../shared/crypto/signedNote.js';
import { ed25519PublicKey, ed25519Sign, ed25519Verify } from '../../../../shared/crypto/ed25519.js';
import { fromBase64, fromHex, toBase64, toHex, utf8 } from '../../../../shared/encoding.js';
import { loadJsonFixture } from '../loadFixture.js';

interface GoNoteFixture {
  provenance: string;
  name: string;
  publicKey: string;
  verifierKey: string;
  text: string;
  note: string;
  otherName: string;
  otherVerifierKey: string;
  coSignedNote: string;
  goOpenOfOurNote: string;
}

const go = loadJsonFixture<GoNoteFixture>('signed-note-go.json');
// RFC 8032 §7.1 TEST 1 and TEST 2 seeds; the fixture's note is signed with the first.
const SEED = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const OTHER_SEED = fromHex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
const PUBLIC = ed25519PublicKey(SEED);
const NAME = go.name;
const signer = (m: Uint8Array) => ed25519Sign(m, SEED);

describe('key id and verifier key', () => {
  test('key id is SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4]', () => {
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from(NAME), Buffer.from([0x0a, 0x01]), PUBLIC]))
      .digest()
      .subarray(0, 4);
    assert.equal(toHex(noteKeyId(NAME, PUBLIC)), expected.toString('hex'));
  });

  test('noteVerifierKey equals the string Go note.NewEd25519VerifierKey wrote', () => {
    assert.equal(toHex(PUBLIC), go.publicKey);
    assert.equal(noteVerifierKey(NAME, PUBLIC), go.verifierKey);
    const [name, id, key] = go.otherVerifierKey.split('+') as [string, string, string];
    assert.equal(noteVerifierKey(name, ed25519PublicKey(OTHER_SEED)), go.otherVerifierKey);
    assert.equal(toHex(noteKeyId(name, ed25519PublicKey(OTHER_SEED))), id);
    assert.deepEqual(fromBase64(key), new Uint8Array([0x01, ...ed25519PublicKey(OTHER_SEED)]));
  });

  test('invalid key names are refused', () => {
    for (const name of ['', 'a b', 'a+b', 'tab\tname', 'new\nline', 'nbsp\u00a0name', 'del\u007f']) {
      assert.throws(() => noteKeyId(name, PUBLIC), TypeError, JSON.stringify(name));
    }
  });
});

describe('interop with golang.org/x/mod/sumdb/note (recorded fixture)', () => {
  test('the fixture says Go note.Open accepted our note', () => {
    assert.match(go.provenance, /golang\.org\/x\/mod\/sumdb\/note/);
    assert.match(go.provenance, /note\.Open/);
    assert.match(go.goOpenOfOurNote, /^ok: 1 verified signature\(s\) by evault\.test\/examiner-1\+5bc8dd16, text matches: true$/);
  });

  test('signNote reproduces the Go-signed note byte for byte, and verifyNote accepts it', () => {
    assert.equal(signNote(go.text, NAME, PUBLIC, signer), go.note);
    assert.equal(verifyNote(go.note, NAME, PUBLIC, ed25519Verify), true);
  });

  test('a note co-signed in Go by a key we do not know still verifies; the unknown line is ignored', () => {
    const parsed = parseNote(go.coSignedNote);
    assert.equal(parsed.text, go.text);
    assert.deepEqual(parsed.signatures.map((s) => s.name).sort(), [go.name, go.otherName].sort());
    assert.equal(verifyNote(go.coSignedNote, NAME, PUBLIC, ed25519Verify), true);
    assert.equal(verifyNote(go.coSignedNote, go.otherName, ed25519PublicKey(OTHER_SEED), ed25519Verify), true);
  });

  test('the checkpoint body parses', () => {
    const c = parseCheckpoint(go.text);
    assert.equal(c.origin, 'evault.test/log');
    assert.equal(c.size, 17);
    assert.equal(formatCheckpoint(c), go.text);
  });
});

describe('sign, parse, verify', () => {
  const text = 'evault.test/log\n3\n' + toBase64(new Uint8Array(32).fill(7)) + '\n';
  const note = signNote(text, NAME, PUBLIC, signer);

  test('round trip: one signature line after a blank line', () => {
    assert.ok(note.startsWith(`${text}\n\u2014 ${NAME} `));
    const parsed = parseNote(note);
    assert.equal(parsed.text, text);
    assert.equal(parsed.signatures.length, 1);
    const [sig] = parsed.signatures;
    assert.equal(sig!.name, NAME);
    assert.deepEqual(sig!.keyId, noteKeyId(NAME, PUBLIC));
    assert.equal(ed25519Verify(sig!.signature, utf8(text), PUBLIC), true);
    assert.equal(verifyNote(note, NAME, PUBLIC, ed25519Verify), true);
  });

  test('extra signature lines by unknown keys are ignored, in any position', () => {
    const stranger = `\u2014 someone.else/key ${toBase64(new Uint8Array(68).fill(9))}\n`;
    assert.equal(verifyNote(note + stranger, NAME, PUBLIC, ed25519Verify), true);
    const [body, sigLine] = [note.slice(0, note.lastIndexOf('\u2014')), note.slice(note.lastIndexOf('\u2014'))];
    assert.equal(verifyNote(body + stranger + sigLine, NAME, PUBLIC, ed25519Verify), true);
  });

  test('wrong key, wrong name, tampered text or signature fail', () => {
    assert.equal(verifyNote(note, NAME, ed25519PublicKey(OTHER_SEED), ed25519Verify), false, 'other key');
    assert.equal(verifyNote(note, 'evault.test/someone-else', PUBLIC, ed25519Verify), false, 'other name');
    assert.equal(verifyNote(note.replace('\n3\n', '\n4\n'), NAME, PUBLIC, ed25519Verify), false, 'size changed');
    assert.equal(verifyNote(note.replace('evault.test/log', 'evault.test/lag'), NAME, PUBLIC, ed25519Verify), false);
    const sigB64 = note.slice(note.lastIndexOf(' ') + 1, -1);
    const raw = fromBase64(sigB64);
    for (const i of [0, 4, raw.length - 1]) {
      const bad = raw.slice();
      bad[i] = bad[i]! ^ 1;
      assert.equal(verifyNote(note.replace(sigB64, toBase64(bad)), NAME, PUBLIC, ed25519Verify), false, `sig byte ${i}`);
    }
    // The same signature line under another name: its key id is wrong for that name, and a line
    // naming someone else never counts for NAME even though its key id and signature are NAME's.
    const renamed = note.replace(`\u2014 ${NAME} `, '\u2014 other ');
    assert.equal(verifyNote(renamed, 'other', PUBLIC, ed25519Verify), false);
    assert.equal(verifyNote(renamed, NAME, PUBLIC, ed25519Verify), false);
  });

  test('signNote refuses text without a final newline or with control characters', () => {
    assert.throws(() => signNote('no newline', NAME, PUBLIC, signer), TypeError);
    assert.throws(() => signNote('tab\there\n', NAME, PUBLIC, signer), TypeError);
    assert.throws(() => signNote('cr\r\n', NAME, PUBLIC, signer), TypeError);
  });

  test('malformed notes throw TypeError from parseNote and give false from verifyNote', () => {
    const sigLine = note.slice(note.lastIndexOf('\u2014'));
    const malformed = [
      '',
      text, // no signatures at all
      note.slice(0, -1), // no final newline
      `${text}${sigLine}`, // no blank line before the signatures
      `${text}\n`, // blank line but no signature lines
      `${text}\n- ${NAME} ${sigLine.split(' ')[2]}`, // ASCII hyphen instead of em dash
      `${text}\n\u2014 ${NAME}\n`, // no signature
      `${text}\n\u2014 ${NAME} AAAA\n`, // 3 bytes: shorter than a key id plus signature
      `${text}\n\u2014 ${NAME} not*base64\n`,
      `${text}\n${sigLine}\n`, // empty line among the signatures
      `a\u0001b\n\n${sigLine}`, // control character in the text
    ];
    for (const m of malformed) {
      assert.throws(() => parseNote(m), TypeError, JSON.stringify(m.slice(0, 60)));
      assert.equal(verifyNote(m, NAME, PUBLIC, ed25519Verify), false, JSON.stringify(m.slice(0, 60)));
    }
  });
});

describe('tlog-checkpoint body', () => {
  const root = new Uint8Array(32).map((_, i) => i * 7);

  test('format and parse round-trip', () => {
    for (const size of [0, 1, 17, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      const text = formatCheckpoint({ origin: 'example.com/log', size, root });
      assert.equal(text, `example.com/log\n${size}\n${toBase64(root)}\n`);
      const parsed = parseCheckpoint(text);
      assert.deepEqual(parsed, { origin: 'example.com/log', size, root });
    }
  });

  test('extension lines after the root are allowed (C2SP tlog-checkpoint)', () => {
    const text = `${formatCheckpoint({ origin: 'o', size: 5, root })}extension line\n`;
    assert.equal(parseCheckpoint(text).size, 5);
  });

  test('formatCheckpoint refuses values it cannot write', () => {
    const bad = [
      { origin: '', size: 1, root },
      { origin: 'two\nlines', size: 1, root },
      { origin: 'cr\r', size: 1, root },
      { origin: 'o', size: -1, root },
      { origin: 'o', size: 1.5, root },
      { origin: 'o', size: 2 ** 53, root },
      { origin: 'o', size: 1, root: root.subarray(0, 31) },
    ];
    for (const c of bad) assert.throws(() => formatCheckpoint(c), TypeError, JSON.stringify(c.origin));
  });

  test('parseCheckpoint throws TypeError on malformed bodies', () => {
    const b64 = toBase64(root);
    const malformed = [
      '',
      'o\n1\n', // no root line
      `o\n1\n${b64}`, // no final newline
      `o\n01\n${b64}\n`, // leading zero
      `o\n-1\n${b64}\n`,
      `o\n1.0\n${b64}\n`,
      `o\n 1\n${b64}\n`,
      `o\n\n${b64}\n`,
      `o\n99999999999999999999\n${b64}\n`, // beyond 2^53: would silently lose precision
      `\n1\n${b64}\n`, // empty origin, which formatCheckpoint also refuses
      `o\n1\n${toBase64(root.subarray(0, 31))}\n`,
      `o\n1\n${b64.slice(0, -1)}\n`,
      `o\n1\n${toHex(root)}\n`,
    ];
    for (const text of malformed) assert.throws(() => parseCheckpoint(text), TypeError, JSON.stringify(text));
  });
});
