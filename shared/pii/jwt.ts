// SPDX-License-Identifier: UNLICENSED
// JSON Web Tokens in JWS compact serialisation (RFC 7519 §3, RFC 7515 §7.1): three base64url parts
// separated by dots, the first being a JSON object with an "alg" member (RFC 7515 §4.1.1). The
// signature part is empty for unsecured tokens ("alg": "none", RFC 7519 §6). A JWE (RFC 7516 §7.1)
// has five parts and its protected header also carries "alg"; it is matched whole.
import type { PiiMatch } from '../findings.js';
import { decodeBase64url } from './base64url.js';

// A JSON object starts with "{", which base64url encodes as "e" then "y" ('{"', '{ ') or "w"
// ('{\n', '{\r', '{\t'): a cheap first filter before decoding anything.
const JWS = /(?<![\w-])e[wy][A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)?(?![\w-]|\.[\w-])/g;
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Whether a base64url string decodes to a JSON object with a string "alg" member. */
export function isJoseHeader(part: string): boolean {
  const bytes = decodeBase64url(part);
  if (bytes === undefined) return false;
  try {
    const header: unknown = JSON.parse(utf8Decoder.decode(bytes));
    return typeof header === 'object' && header !== null && !Array.isArray(header) && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

export function findJwts(text: string, out: PiiMatch[]): void {
  JWS.lastIndex = 0;
  for (let m = JWS.exec(text); m !== null; m = JWS.exec(text)) {
    const parts = m[0].split('.');
    if (!isJoseHeader(parts[0]!)) continue;
    // The payload of a JWS (or the IV of a JWE) must be base64url too.
    if (decodeBase64url(parts[1]!) === undefined) continue;
    out.push({ type: 'pii.secret', start: m.index, end: m.index + m[0].length, subtype: 'jwt' });
  }
}
