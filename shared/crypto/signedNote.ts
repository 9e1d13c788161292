// SPDX-License-Identifier: UNLICENSED
// C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 signatures, and the C2SP
// tlog-checkpoint body (https://c2sp.org/tlog-checkpoint) it carries.
import { concatBytes, fromBase64, toBase64, utf8, bytesEqual } from '../encoding.js';
import { sha256 } from './sha256.js';
import type { Ed25519Verify } from './ed25519.js';

const EM_DASH = '\u2014';
// The signed-note spec forbids control characters (other than newline in the text); these
// patterns find them, so they must contain them.
// eslint-disable-next-line no-control-regex
const CONTROL_IN_NAME = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0009\u000b-\u001f\u007f]/;
const ALG_ED25519 = 0x01;

/** Key ID = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4] (signed-note, "Ed25519"). */
export function noteKeyId(name: string, publicKey: Uint8Array): Uint8Array {
  assertKeyName(name);
  return sha256(concatBytes(utf8(name), new Uint8Array([0x0a, ALG_ED25519]), publicKey)).slice(0, 4);
}

/** The verifier key string Go's note.NewVerifier accepts: name+hexKeyID+base64(0x01 ‖ key). */
export function noteVerifierKey(name: string, publicKey: Uint8Array): string {
  const id = noteKeyId(name, publicKey);
  const hexId = Array.from(id, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${name}+${hexId}+${toBase64(concatBytes(new Uint8Array([ALG_ED25519]), publicKey))}`;
}

function assertKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/.test(name) || CONTROL_IN_NAME.test(name)) {
    throw new TypeError(`invalid signed-note key name: ${JSON.stringify(name)}`);
  }
}

function assertNoteText(text: string): void {
  if (!text.endsWith('\n')) throw new TypeError('note text must end with a newline');
  if (CONTROL_IN_TEXT.test(text)) throw new TypeError('note text has control characters');
}

/** Signs `text` and returns the complete note: text, blank line, one signature line. */
export function signNote(
  text: string,
  name: string,
  publicKey: Uint8Array,
  sign: (message: Uint8Array) => Uint8Array,
): string {
  assertNoteText(text);
  const sig = sign(utf8(text));
  return `${text}\n${EM_DASH} ${name} ${toBase64(concatBytes(noteKeyId(name, publicKey), sig))}\n`;
}

export interface NoteSignature {
  name: string;
  keyId: Uint8Array;
  signature: Uint8Array;
}

export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

/** Splits a note into its text and signature lines; throws TypeError on a malformed note. */
export function parseNote(note: string): ParsedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new TypeError('malformed note: no blank line before signatures');
  const text = note.slice(0, split + 1);
  assertNoteText(text);
  const lines = note.slice(split + 2, -1).split('\n');
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/.exec(line);
    if (!m) throw new TypeError(`malformed note signature line: ${JSON.stringify(line.slice(0, 80))}`);
    const raw = fromBase64(m[2]!);
    if (raw.length < 5) throw new TypeError('malformed note signature: too short');
    signatures.push({ name: m[1]!, keyId: raw.slice(0, 4), signature: raw.slice(4) });
  }
  if (signatures.length === 0) throw new TypeError('malformed note: no signature lines');
  return { text, signatures };
}

/**
 * True when some signature line is by (name, publicKey) and verifies. Lines by unknown keys are
 * ignored, as the spec requires.
 */
export function verifyNote(note: string, name: string, publicKey: Uint8Array, verify: Ed25519Verify): boolean {
  let parsed: ParsedNote;
  try {
    parsed = parseNote(note);
  } catch {
    return false;
  }
  const id = noteKeyId(name, publicKey);
  const message = utf8(parsed.text);
  return parsed.signatures.some(
    (s) => s.name === name && bytesEqual(s.keyId, id) && verify(s.signature, message, publicKey),
  );
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
}

/** tlog-checkpoint body: origin, decimal tree size, base64 root hash, each on its own line. */
export function formatCheckpoint(c: Checkpoint): string {
  if (!c.origin || /[\n\r]/.test(c.origin)) throw new TypeError('checkpoint origin must be one non-empty line');
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw new TypeError('checkpoint size must be a non-negative integer');
  if (c.root.length !== 32) throw new TypeError('checkpoint root must be a 32-byte hash');
  return `${c.origin}\n${c.size}\n${toBase64(c.root)}\n`;
}

export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new TypeError('malformed checkpoint body');
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (!origin) throw new TypeError('malformed checkpoint origin: empty');
  // Beyond 2^53 Number() would round silently, so a verifier would compare the wrong size.
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new TypeError(`malformed checkpoint size: ${sizeText}`);
  }
  const root = fromBase64(rootText);
  if (root.length !== 32) throw new TypeError('malformed checkpoint root');
  return { origin, size: Number(sizeText), root };
}
