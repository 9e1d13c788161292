// SPDX-License-Identifier: UNLICENSED
// custody.jsonl: one custody event a line, {"event":…,"hash":…,"seq":…,"signature":…} in RFC 8785
// form. The event's stored bytes are canonical JSON, so the "event" member is byte for byte the
// signed event; `hash` is its SHA-256 and `signature` the raw Ed25519 signature in base64.
import { canonicalize } from '../canonicalJson.js';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../encoding.js';
import type { SignedEvent } from '../custody/event.js';

export function encodeCustodyJsonl(events: readonly SignedEvent[]): Uint8Array {
  const lines = events.map((e) => `{"event":${fromUtf8(e.bytes)},"hash":"${e.hash}","seq":${e.seq},"signature":"${toBase64(e.signature)}"}\n`);
  return utf8(lines.join(''));
}

/** Parses custody.jsonl; throws TypeError naming the line that is malformed. */
export function parseCustodyJsonl(bytes: Uint8Array): SignedEvent[] {
  const text = fromUtf8(bytes);
  if (text.length > 0 && !text.endsWith('\n')) throw new TypeError('custody.jsonl does not end with a newline');
  const out: SignedEvent[] = [];
  const lines = text.split('\n').slice(0, -1);
  for (const [i, line] of lines.entries()) {
    let v: { event?: unknown; hash?: unknown; seq?: unknown; signature?: unknown };
    try {
      v = JSON.parse(line) as typeof v;
    } catch {
      throw new TypeError(`custody.jsonl line ${i + 1} is not JSON`);
    }
    if (typeof v !== 'object' || v === null || typeof v.event !== 'object' || typeof v.hash !== 'string' || !Number.isSafeInteger(v.seq) || typeof v.signature !== 'string') {
      throw new TypeError(`custody.jsonl line ${i + 1} lacks event, hash, seq or signature`);
    }
    let signature: Uint8Array;
    try {
      signature = fromBase64(v.signature);
    } catch {
      throw new TypeError(`custody.jsonl line ${i + 1}: signature is not base64`);
    }
    // The event as signed: its canonical form (verifyLog then checks hash, canonical form and signature).
    out.push({ seq: v.seq as number, bytes: utf8(canonicalize(v.event)), hash: v.hash, signature });
  }
  return out;
}
