// SPDX-License-Identifier: UNLICENSED
// Base64url decoding without padding (RFC 4648 §5), as JWS compact serialisation uses it
// (RFC 7515 §2). Browser-safe: no Buffer, no atob (which rejects "-" and "_").

const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) VALUES['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charCodeAt(i)] = i;

/** The bytes of an unpadded base64url string, or undefined if it is not one. */
export function decodeBase64url(text: string): Uint8Array | undefined {
  // A lone character in the last quantum carries only 6 bits, less than one byte (RFC 4648 §4).
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? VALUES[c]! : -1;
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out;
}
