// SPDX-License-Identifier: UNLICENSED
// Decoders for the text arguments of protocol-0 opcodes, as CPython's unpickler reads them:
// STRING is a quoted Python literal decoded with codecs.escape_decode; UNICODE is raw-unicode-escape.
// Both return null for input CPython would reject, so callers report the pickle as invalid.

const HEX = /^[0-9a-fA-F]+$/;

/** codecs.escape_decode on the text between the quotes of a STRING argument; the result is bytes. */
export function escapeDecode(src: Uint8Array): Uint8Array | null {
  const out: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c !== 0x5c) {
      out.push(c);
      continue;
    }
    const e = src[++i];
    if (e === undefined) return null; // "\\ at end of string"
    const simple: Record<number, number> = { 0x5c: 0x5c, 0x27: 0x27, 0x22: 0x22, 0x61: 7, 0x62: 8, 0x66: 12, 0x6e: 10, 0x72: 13, 0x74: 9, 0x76: 11 };
    if (e === 0x0a) continue; // backslash-newline: a line continuation
    if (simple[e] !== undefined) out.push(simple[e]);
    else if (e >= 0x30 && e <= 0x37) {
      let v = e - 0x30;
      for (let k = 0; k < 2 && src[i + 1] !== undefined && src[i + 1]! >= 0x30 && src[i + 1]! <= 0x37; k++) v = v * 8 + (src[++i]! - 0x30);
      out.push(v & 0xff);
    } else if (e === 0x78) {
      const hex = String.fromCharCode(src[i + 1] ?? 0, src[i + 2] ?? 0);
      if (!HEX.test(hex)) return null; // "invalid \x escape"
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(0x5c, e); // unknown escapes are kept as written
  }
  return Uint8Array.from(out);
}

/** The raw-unicode-escape codec: bytes are Latin-1, except \uXXXX and \UXXXXXXXX after an odd run of backslashes. */
export function rawUnicodeEscapeDecode(src: Uint8Array): string | null {
  let out = '';
  let backslashes = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === 0x5c) {
      backslashes++;
      out += '\\';
      continue;
    }
    if ((c === 0x75 || c === 0x55) && backslashes % 2 === 1) {
      const n = c === 0x75 ? 4 : 8;
      const hex = String.fromCharCode(...src.subarray(i + 1, i + 1 + n));
      if (hex.length !== n || !HEX.test(hex)) return null; // "truncated \uXXXX"
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) return null; // "\Uxxxxxxxx out of range"
      out = out.slice(0, -1) + String.fromCodePoint(cp);
      i += n;
    } else out += String.fromCharCode(c);
    backslashes = 0;
  }
  return out;
}
