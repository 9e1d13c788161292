// SPDX-License-Identifier: UNLICENSED
// The parts of a signed report PDF the verifier needs: the cross-reference table (§7.5.4), the
// catalog, embedded files (§7.11.4, name tree §7.9.6) and the signature dictionary (§12.8.1).
// Only classic xref tables are read — what pdfkit writes; anything else is refused with a reason.
import { unzlibSync } from 'fflate';
import { PdfLexer, PdfSyntaxError, asArray, asDict, asInteger, asName, asString, textString, type PdfDict, type PdfString, type PdfValue } from './pdfObjects.js';

export interface PdfStream {
  dict: PdfDict;
  /** Raw (still encoded) stream bytes. */
  raw: Uint8Array;
}

export interface Attachment {
  name: string;
  mime: string | null;
  relationship: string | null;
  data: Uint8Array;
  /** Why the stream could not be decoded (data is then empty); null when it was. */
  error: string | null;
}

export interface SignatureField {
  byteRange: number[];
  contents: PdfString;
  filter: string | null;
  subFilter: string | null;
  /** /M, the signing time as written (D:YYYYMMDDHHmmSSZ). */
  signingTime: string | null;
  signerName: string | null;
}

const MAX_ATTACHMENT = 512 * 1024 * 1024;
const MAX_NAME_TREE_DEPTH = 16;

export class PdfDocument {
  private readonly offsets = new Map<number, number>();
  private readonly cache = new Map<number, PdfValue | PdfStream>();
  readonly trailer: PdfDict;
  /** True when the trailer points at an earlier xref section (an incremental update). */
  readonly incremental: boolean;

  constructor(readonly bytes: Uint8Array) {
    const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
    const at = tail.lastIndexOf('startxref');
    if (at < 0) throw new PdfSyntaxError('no startxref: not a complete PDF file');
    const lex = new PdfLexer(bytes, bytes.length - tail.length + at + 'startxref'.length);
    const xref = Number(lex.word());
    if (!Number.isSafeInteger(xref) || xref <= 0 || xref >= bytes.length) throw new PdfSyntaxError('startxref points outside the file');
    lex.pos = xref;
    if (lex.word() !== 'xref') throw new PdfSyntaxError('cross-reference streams are not supported (not a report written by Evidence Vault)');
    for (;;) {
      const w = lex.word(true);
      if (w === 'trailer') break;
      const first = asInteger(Number(lex.word()), 'xref subsection start');
      const count = asInteger(Number(lex.word()), 'xref subsection count');
      if (count > 10_000_000) throw new PdfSyntaxError('xref subsection too large');
      for (let i = 0; i < count; i++) {
        const offset = Number(lex.word());
        lex.word();
        const kind = lex.word();
        if (kind === 'n') this.offsets.set(first + i, offset);
        else if (kind !== 'f') throw new PdfSyntaxError(`bad xref entry for object ${first + i}`);
      }
    }
    lex.expectWord('trailer');
    this.trailer = asDict(lex.value(), 'trailer');
    this.incremental = this.trailer.entries.has('Prev');
  }

  private objectAt(num: number): PdfValue | PdfStream {
    const cached = this.cache.get(num);
    if (cached !== undefined) return cached;
    const offset = this.offsets.get(num);
    if (offset === undefined || offset >= this.bytes.length) throw new PdfSyntaxError(`object ${num} is not in the cross-reference table`);
    const lex = new PdfLexer(this.bytes, offset);
    if (Number(lex.word()) !== num) throw new PdfSyntaxError(`xref offset of object ${num} does not point at it`);
    lex.word();
    lex.expectWord('obj');
    const value = lex.value();
    let result: PdfValue | PdfStream = value;
    lex.skipWhite();
    if (lex.startsWith('stream')) {
      lex.pos += 6;
      if (this.bytes[lex.pos] === 13) lex.pos++;
      if (this.bytes[lex.pos] === 10) lex.pos++;
      const dict = asDict(value, `stream ${num}`);
      const length = asInteger(this.resolve(dict.entries.get('Length')), `/Length of stream ${num}`);
      if (lex.pos + length > this.bytes.length) throw new PdfSyntaxError(`stream ${num} runs past the end of the file`);
      result = { dict, raw: this.bytes.subarray(lex.pos, lex.pos + length) };
      lex.pos += length;
      lex.expectWord('endstream');
    }
    this.cache.set(num, result);
    return result;
  }

  /** Follows a reference (one level, as PDF values never chain references). */
  resolve(v: PdfValue | undefined): PdfValue | undefined {
    if (typeof v === 'object' && v !== null && v.kind === 'ref') {
      const o = this.objectAt(v.num);
      if (isStream(o)) throw new PdfSyntaxError(`object ${v.num} is a stream where a value is expected`);
      return o;
    }
    return v;
  }

  stream(v: PdfValue | undefined, what: string): PdfStream {
    if (typeof v !== 'object' || v === null || v.kind !== 'ref') throw new PdfSyntaxError(`${what} is not a stream reference`);
    const o = this.objectAt(v.num);
    if (!isStream(o)) throw new PdfSyntaxError(`${what} is not a stream`);
    return o;
  }

  get(d: PdfDict, key: string): PdfValue | undefined {
    return this.resolve(d.entries.get(key));
  }

  catalog(): PdfDict {
    return asDict(this.get(this.trailer, 'Root'), 'document catalog');
  }

  /** Every file in the catalog's EmbeddedFiles name tree, decoded. */
  attachments(): Attachment[] {
    const names = this.get(this.catalog(), 'Names');
    if (names === undefined) return [];
    const tree = this.get(asDict(names, '/Names'), 'EmbeddedFiles');
    if (tree === undefined) return [];
    const out: Attachment[] = [];
    const walk = (node: PdfDict, depth: number) => {
      if (depth > MAX_NAME_TREE_DEPTH) throw new PdfSyntaxError('name tree nested too deeply');
      const kids = this.get(node, 'Kids');
      if (kids !== undefined) for (const k of asArray(kids, '/Kids')) walk(asDict(this.resolve(k), 'name tree node'), depth + 1);
      const pairs = this.get(node, 'Names');
      if (pairs === undefined) return;
      const items = asArray(pairs, 'name tree /Names');
      for (let i = 0; i + 1 < items.length; i += 2) out.push(this.fileSpec(asDict(this.resolve(items[i + 1]), 'file specification')));
    };
    walk(asDict(tree, 'EmbeddedFiles'), 0);
    return out;
  }

  private fileSpec(spec: PdfDict): Attachment {
    const nameValue = this.get(spec, 'UF') ?? this.get(spec, 'F');
    const name = textString(asString(nameValue, 'file specification name'));
    const ef = asDict(this.get(spec, 'EF'), `/EF of ${name}`);
    const stream = this.stream(ef.entries.get('F'), `embedded file ${name}`);
    const base = { name, mime: asName(this.get(stream.dict, 'Subtype')) ?? null, relationship: asName(this.get(spec, 'AFRelationship')) ?? null };
    // A damaged stream spoils that attachment only; the steps that read it report it.
    try {
      return { ...base, data: this.decode(stream, name), error: null };
    } catch (e) {
      return { ...base, data: new Uint8Array(0), error: (e as Error).message };
    }
  }

  decode(stream: PdfStream, what: string): Uint8Array {
    const filter = this.get(stream.dict, 'Filter');
    const name = asName(filter);
    if (filter === undefined) return stream.raw;
    if (name !== 'FlateDecode') throw new PdfSyntaxError(`${what} uses filter ${name ?? 'array'}; only FlateDecode is supported`);
    const params = this.get(stream.dict, 'Params');
    const declared = params === undefined ? undefined : this.get(asDict(params, '/Params'), 'Size');
    if (typeof declared === 'number' && declared > MAX_ATTACHMENT) throw new PdfSyntaxError(`${what} declares ${declared} bytes, more than this verifier accepts`);
    try {
      return unzlibSync(stream.raw);
    } catch (cause) {
      throw new PdfSyntaxError(`${what} does not inflate: ${(cause as Error).message}`);
    }
  }

  /** The signature fields of the AcroForm (§12.7.2), each with its signature dictionary. */
  signatures(): SignatureField[] {
    const form = this.get(this.catalog(), 'AcroForm');
    if (form === undefined) return [];
    const out: SignatureField[] = [];
    for (const ref of asArray(this.get(asDict(form, '/AcroForm'), 'Fields'), '/Fields')) {
      const field = asDict(this.resolve(ref), 'form field');
      if (asName(this.get(field, 'FT')) !== 'Sig') continue;
      const v = this.get(field, 'V');
      if (v === undefined) continue;
      const sig = asDict(v, 'signature dictionary');
      const range = asArray(this.get(sig, 'ByteRange'), '/ByteRange').map((n) => (typeof n === 'number' ? n : NaN));
      const m = this.get(sig, 'M');
      const signer = this.get(sig, 'Name');
      out.push({
        byteRange: range,
        // /Contents must be a direct string: its position in the file is what ByteRange excludes.
        contents: asString(sig.entries.get('Contents'), '/Contents'),
        filter: asName(this.get(sig, 'Filter')) ?? null,
        subFilter: asName(this.get(sig, 'SubFilter')) ?? null,
        signingTime: m === undefined ? null : textString(asString(m, '/M')),
        signerName: signer === undefined ? null : textString(asString(signer, '/Name')),
      });
    }
    return out;
  }
}

function isStream(o: PdfValue | PdfStream): o is PdfStream {
  return typeof o === 'object' && o !== null && 'raw' in o;
}
