// SPDX-License-Identifier: UNLICENSED
// Undo the encodings attackers wrap instructions in (MITRE ATLAS AML.T0068, LLM Prompt
// Obfuscation) so the phrase rules can read them: base64 (RFC 4648 §4 and the URL-safe §5
// alphabet), hex, leetspeak ("19n0r3 4ll pr3v10u5"), letter spacing ("I g n o r e"), invisible
// characters and look-alike letters, ROT13. Each decoding says where in the prompt it came from.

export interface Decoded {
  /** "base64", "hex", "leetspeak", "spaced", "homoglyph", "rot13", "reversed". */
  encoding: string;
  text: string;
  /** The span of the prompt that was decoded. */
  start: number;
  end: number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_INDEX[B64.charCodeAt(i)] = i;
B64_INDEX[45] = 62; // '-' (RFC 4648 §5)
B64_INDEX[95] = 63; // '_'

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readable(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  // Mostly printable text with some letters and at least one space: a sentence, not a binary blob
  // or an opaque key (which is what a config file's or an image's base64 decodes to).
  let printable = 0;
  let letters = 0;
  let spaces = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) spaces++;
    if ((c >= 32 && c < 127) || c === 10 || c === 13 || c === 9 || c >= 0xa0) printable++;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
  }
  if (text.length === 0 || printable / text.length < 0.95 || letters / text.length < 0.5 || spaces === 0) return null;
  return text;
}

function decodeBase64(token: string): Uint8Array | null {
  const s = token.replace(/=+$/, '');
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out.subarray(0, o);
}

function decodeHex(token: string): Uint8Array {
  const hex = token.replace(/[^0-9a-f]/gi, '');
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g', '8': 'b', '@': 'a', '$': 's', '!': 'i', '|': 'l' };
// Cyrillic and Greek letters that look like Latin ones (Unicode TR39 confusables, the common subset).
const HOMOGLYPH: Record<string, string> = {
  '\u0430': 'a', '\u0435': 'e', '\u043e': 'o', '\u0440': 'p', '\u0441': 'c', '\u0445': 'x', '\u0443': 'y', '\u0456': 'i', '\u0455': 's', '\u0458': 'j',
  '\u0410': 'A', '\u0415': 'E', '\u041e': 'O', '\u0420': 'P', '\u0421': 'C', '\u0425': 'X', '\u0406': 'I', '\u0405': 'S', '\u0408': 'J', '\u041d': 'H', '\u041a': 'K', '\u041c': 'M', '\u0422': 'T', '\u0412': 'B',
  '\u03bf': 'o', '\u03b1': 'a', '\u03b5': 'e', '\u0399': 'I', '\u039f': 'O', '\u0391': 'A', '\u0395': 'E',
};
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g;

function rot13(s: string): string {
  return s.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

interface Signs {
  base64: boolean;
  hex: boolean;
  spaced: boolean;
  leet: boolean;
  unicode: boolean;
}

/** Cheap tests for the signs of each encoding, so the decoders run only on the rare prompt that shows one. */
function signs(text: string): Signs {
  return {
    base64: /[A-Za-z0-9+/_-]{16}/.test(text),
    hex: /(?:[0-9a-f]{2}[\s:,]?){12}/i.test(text),
    spaced: /(?:\S[ ._-]){5}\S/.test(text),
    leet: /[a-z][0-9@$]|[0-9@$][a-z]/i.test(text),
    unicode: /[\u00ad\u0370-\u04ff\u200b-\u2064\ufeff\uff01-\uff5e]/.test(text),
  };
}

/** Every decoding of `text` that yields readable text different from it. Cheap when there is nothing to decode. */
export function deobfuscate(text: string): Decoded[] {
  const out: Decoded[] = [];
  const sign = signs(text);
  // base64: a run of 16+ alphabet characters, not all letters (plain long words are not base64).
  if (sign.base64) for (const m of text.matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)) {
    const token = m[0];
    if (!/[0-9+/=]/.test(token) && !/[a-z][A-Z]|[A-Z]{2}[a-z]/.test(token)) continue;
    const bytes = decodeBase64(token);
    const decoded = bytes && readable(bytes);
    if (decoded) out.push({ encoding: 'base64', text: decoded, start: m.index, end: m.index + token.length });
  }
  if (sign.hex) for (const m of text.matchAll(/\b(?:(?:0x)?[0-9a-f]{2}[\s:,]?){12,}/gi)) {
    const decoded = readable(decodeHex(m[0].replace(/0x/gi, '')));
    if (decoded) out.push({ encoding: 'hex', text: decoded, start: m.index, end: m.index + m[0].length });
  }
  // Letter spacing: "I g n o r e   y o u r" (also with dots, dashes or underscores between letters).
  if (sign.spaced && /(?:^|\s)(?:\S[ ._-]){5,}\S(?:\s|$)/.test(text)) {
    const joined = text.replace(/(?<![^\s])(?:[^\s._-][ ._-]){2,}[^\s._-](?![^\s])/g, (m) => m.replace(/[ ._-]/g, ''));
    if (joined !== text) out.push({ encoding: 'spaced', text: joined.replace(/\s{2,}/g, ' '), start: 0, end: text.length });
  }
  // Leetspeak: at least two words that mix letters with digits standing for letters.
  const leetWords = sign.leet && text.match(/\b(?=[a-z]*[013457@$9])(?=[0-9@$!|]*[a-z])[a-z0-9@$!|]{3,}\b/gi);
  if (leetWords && leetWords.filter((w) => /[a-z]/i.test(w) && /[013457@$9]/.test(w) && !/^\d+[a-z]{1,2}$/i.test(w)).length >= 2) {
    const plain = text.replace(/[a-z0-9@$!|]+/gi, (w) => (/[a-z]/i.test(w) ? w.replace(/[0134579@$!|8]/g, (c) => LEET[c] ?? c) : w));
    if (plain !== text) out.push({ encoding: 'leetspeak', text: plain, start: 0, end: text.length });
  }
  if (sign.unicode) {
    const plain = text
      .replace(INVISIBLE, '')
      .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/[\u0370-\u04ff]/g, (c) => HOMOGLYPH[c] ?? c);
    if (plain !== text) out.push({ encoding: 'homoglyph', text: plain, start: 0, end: text.length });
  }
  if (text.length > 20 && (text.includes('rot') || text.includes('ROT')) && /\brot-?13\b/i.test(text)) out.push({ encoding: 'rot13', text: rot13(text), start: 0, end: text.length });
  if (/revers|backward/i.test(text) && /\b(?:backwards|reversed?|in reverse)\b/i.test(text)) out.push({ encoding: 'reversed', text: [...text].reverse().join(''), start: 0, end: text.length });
  return out;
}
