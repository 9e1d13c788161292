// SPDX-License-Identifier: UNLICENSED
// The text of a report's first pages, line by line, read back from the PDF itself: the app's
// preview of a report without a PDF rasteriser (poppler is not on investigators' laptops). It reads
// what pdfkit writes — Type0 fonts with a ToUnicode CMap (ISO 32000-1 §9.10.3), text placed with
// Tm and shown with Tj/TJ (§9.4) — and orders the runs by their position on the page. Layout,
// colours and pictures are not reproduced. Untrusted input: bounded, and errors give null.
import { PdfDocument } from './pdfDocument.js';
import { asArray, asDict, type PdfDict, type PdfValue } from './pdfObjects.js';

const MAX_CONTENT = 4 * 1024 * 1024;
const MAX_LINES = 200;

type Token = { t: 'num'; v: number } | { t: 'str'; v: Uint8Array } | { t: 'name'; v: string } | { t: 'op'; v: string } | { t: 'arr'; v: Token[] };

const isWhite = (c: number) => c === 0 || c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
const isDelim = (c: number) => c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;

/** Tokens of a content stream (§7.8.2): operands and operators, arrays nested. Dictionaries are skipped. */
function* tokens(b: Uint8Array): Generator<Token | '[' | ']'> {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (isWhite(c)) i++;
    else if (c === 0x25) while (i < b.length && b[i] !== 10 && b[i] !== 13) i++;
    else if (c === 0x5b) {
      i++;
      yield '[';
    } else if (c === 0x5d) {
      i++;
      yield ']';
    }
    else if (c === 0x3c && b[i + 1] === 0x3c) i += 2;
    else if (c === 0x3e && b[i + 1] === 0x3e) i += 2;
    else if (c === 0x3c) {
      let hex = '';
      for (i++; i < b.length && b[i] !== 0x3e; i++) if (!isWhite(b[i]!)) hex += String.fromCharCode(b[i]!);
      i++;
      if (hex.length % 2) hex += '0';
      const out = new Uint8Array(hex.length / 2);
      for (let k = 0; k < out.length; k++) out[k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16) || 0;
      yield { t: 'str', v: out };
    } else if (c === 0x28) {
      const out: number[] = [];
      let depth = 1;
      for (i++; i < b.length && depth > 0; i++) {
        const d = b[i]!;
        if (d === 0x5c && i + 1 < b.length) out.push(b[++i]!);
        else if (d === 0x28) {
          depth++;
          out.push(d);
        }
        else if (d === 0x29) {
          if (--depth > 0) out.push(d);
        } else out.push(d);
      }
      yield { t: 'str', v: Uint8Array.from(out) };
    } else {
      const start = i;
      for (i++; i < b.length && !isWhite(b[i]!) && !isDelim(b[i]!); i++);
      const word = String.fromCharCode(...b.subarray(c === 0x2f ? start + 1 : start, i));
      if (c === 0x2f) yield { t: 'name', v: word };
      else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) yield { t: 'num', v: Number(word) };
      else yield { t: 'op', v: word };
    }
  }
}

/** A ToUnicode CMap's bfchar and bfrange entries (§9.10.3), for 2-byte codes. */
export function parseToUnicode(text: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexText = (h: string) => {
    const clean = h.replace(/\s+/g, '');
    let s = '';
    for (let k = 0; k + 4 <= clean.length; k += 4) s += String.fromCharCode(parseInt(clean.slice(k, k + 4), 16));
    return s;
  };
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = Math.min(parseInt(m[2]!, 16), lo + 0xffff);
      if (m[3]!.startsWith('[')) {
        const items = [...m[3]!.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((x) => hexText(x[1]!));
        for (let code = lo; code <= hi && code - lo < items.length; code++) map.set(code, items[code - lo]!);
      } else {
        const base = hexText(m[3]!.slice(1, -1));
        for (let code = lo; code <= hi; code++) map.set(code, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + code - lo));
      }
    }
  }
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(m[1]!, 16), hexText(m[2]!));
  }
  return map;
}

function fontMaps(doc: PdfDocument, page: PdfDict): Map<string, Map<number, string> | null> {
  const out = new Map<string, Map<number, string> | null>();
  const res = doc.get(page, 'Resources');
  if (res === undefined) return out;
  const fonts = doc.get(asDict(res, 'resources'), 'Font');
  if (fonts === undefined) return out;
  for (const [name, ref] of asDict(fonts, 'fonts').entries) {
    try {
      const font = asDict(doc.resolve(ref), 'font');
      const tu = font.entries.get('ToUnicode');
      out.set(name, tu === undefined ? null : parseToUnicode(new TextDecoder('latin1').decode(doc.decode(doc.stream(tu, 'ToUnicode'), 'ToUnicode'))));
    } catch {
      out.set(name, null);
    }
  }
  return out;
}

function contentBytes(doc: PdfDocument, page: PdfDict): Uint8Array {
  const c = page.entries.get('Contents');
  const refs: PdfValue[] = typeof c === 'object' && c !== null && c.kind === 'array' ? c.items : c === undefined ? [] : [c];
  const parts = refs.map((r) => doc.decode(doc.stream(r, 'page content'), 'page content'));
  const total = parts.reduce((n, p) => n + p.length + 1, 0);
  if (total > MAX_CONTENT) throw new Error('page content too large for a preview');
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
    out[o++] = 10;
  }
  return out;
}

function pageLines(doc: PdfDocument, page: PdfDict): string[] {
  const fonts = fontMaps(doc, page);
  const runs: { x: number; y: number; text: string }[] = [];
  let font: Map<number, string> | null = null;
  let x = 0;
  let y = 0;
  const decode = (s: Uint8Array) => {
    let text = '';
    if (font) for (let k = 0; k + 1 < s.length; k += 2) text += font.get((s[k]! << 8) | s[k + 1]!) ?? '';
    else text = String.fromCharCode(...s);
    return text;
  };
  const show = (text: string) => {
    if (text) runs.push({ x, y, text });
  };
  const stack: Token[] = [];
  const arrays: Token[][] = [];
  for (const tok of tokens(contentBytes(doc, page))) {
    if (tok === '[') arrays.push([]);
    else if (tok === ']') {
      const arr = arrays.pop() ?? [];
      (arrays.at(-1) ?? stack).push({ t: 'arr', v: arr });
    } else if (arrays.length > 0) arrays.at(-1)!.push(tok);
    else if (tok.t !== 'op') stack.push(tok);
    else {
      const num = (k: number) => {
        const v = stack[stack.length - k];
        return v?.t === 'num' ? v.v : 0;
      };
      switch (tok.v) {
        case 'Tf': {
          const n = stack[stack.length - 2];
          font = n?.t === 'name' ? (fonts.get(n.v) ?? null) : null;
          break;
        }
        case 'Tm':
          x = num(2);
          y = num(1);
          break;
        case 'Td':
        case 'TD':
          x += num(2);
          y += num(1);
          break;
        case 'Tj':
        case "'":
        case '"': {
          const s = stack.at(-1);
          if (s?.t === 'str') show(decode(s.v));
          break;
        }
        case 'TJ': {
          const a = stack.at(-1);
          // One run: the numbers between strings are kerning (thousandths of an em); only a large
          // move to the right (a negative number) stands for a gap between words.
          if (a?.t === 'arr') show(a.v.map((item) => (item.t === 'str' ? decode(item.v) : item.t === 'num' && item.v < -250 ? ' ' : '')).join(''));
          break;
        }
      }
      stack.length = 0;
    }
  }
  // pdfkit flips the page (1 0 0 -1 0 H cm) and places text with Tm in that space: a larger y is
  // higher on the page. Runs within 2 pt of each other share a line, read left to right.
  runs.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; parts: { x: number; text: string }[] }[] = [];
  for (const r of runs) {
    const line = lines.at(-1);
    if (line && Math.abs(line.y - r.y) <= 2) line.parts.push(r);
    else lines.push({ y: r.y, parts: [r] });
  }
  return lines.slice(0, MAX_LINES).map((l) => l.parts.sort((a, b) => a.x - b.x).map((p) => p.text.trim()).filter(Boolean).join('   ')).filter(Boolean);
}

/** The text of the first `count` pages, each as its lines; null when the file cannot be read. */
export function readFirstPagesText(bytes: Uint8Array, count = 2): string[][] | null {
  try {
    const doc = new PdfDocument(bytes);
    const out: string[][] = [];
    const walk = (node: PdfDict, depth: number) => {
      if (depth > 32 || out.length >= count) return;
      for (const kid of asArray(doc.get(node, 'Kids'), '/Kids')) {
        if (out.length >= count) return;
        const dict = asDict(doc.resolve(kid), 'page tree node');
        const type = doc.get(dict, 'Type');
        if (typeof type === 'object' && type !== null && type.kind === 'name' && type.value === 'Page') out.push(pageLines(doc, dict));
        else walk(dict, depth + 1);
      }
    };
    walk(asDict(doc.get(doc.catalog(), 'Pages'), 'page tree'), 0);
    return out;
  } catch {
    return null;
  }
}
