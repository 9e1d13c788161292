// SPDX-License-Identifier: UNLICENSED
// Hashed word and character n-gram features for the prompt-injection classifier. The training
// script (test/tools/trainInjectionModel.ts) and the detector both use this module, so a model
// always sees features built exactly the way it was trained on.
//
// Feature hashing (Weinberger et al., "Feature Hashing for Large Scale Multitask Learning", 2009):
// every n-gram is hashed with 32-bit FNV-1a into one of 2^bits buckets. Word 1–2-grams carry the
// phrases an investigator can read back; character 3–5-grams of the word stream carry spelling
// variants ("jailbroken", "jail-break", "DAN's") that whole words miss. Each block is scaled to
// L2 norm 1/√2 after sub-linear term frequency (1 + ln tf), so a prompt's length alone cannot
// raise its score.

export interface FeatureOptions {
  /** log2 of the number of hash buckets. */
  bits: number;
  /** Texts longer than this are cut (head and tail kept) so one huge record cannot stall a scan. */
  maxChars: number;
  /** Shortest and longest character n-gram. */
  charGrams: readonly [number, number];
}

/** A sparse feature vector: bucket ids and values (a bucket may appear once per block). */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

/** A readable word n-gram and the bucket it hashes to, kept for explanations. */
export interface WordGram {
  text: string;
  bucket: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x9e3779b1;
const CHAR_SEED = 0x85ebca6b;
const SPACE = 32;

/** Letters and digits of any script; punctuation, symbols, emoji and spaces separate words. */
function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  if (c < 0xc0 || c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false; // general punctuation, symbols, arrows, box drawing
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xd800 && c <= 0xdfff) return false; // surrogates (emoji and other astral symbols)
  return true;
}

/**
 * Writes the normalised word stream " w1 w2 … wn " of `text` into `buf` (lower-cased words
 * separated by one space, a space at each end; apostrophes inside a word dropped, so "don't" ->
 * "dont") and returns its length. `buf` must hold text.length + 2 code units.
 */
export function wordStreamInto(text: string, maxChars: number, buf: Uint16Array): number {
  const src = text.length > maxChars ? text.slice(0, maxChars - 1000) + ' ' + text.slice(-1000) : text;
  let n = 0;
  buf[n++] = SPACE;
  for (let i = 0; i < src.length; i++) {
    let c = src.charCodeAt(i);
    if (isWordChar(c)) {
      if (c >= 65 && c <= 90) c += 32;
      else if (c >= 0xc0) c = String.fromCharCode(c).toLowerCase().charCodeAt(0);
      buf[n++] = c;
    } else if ((c === 39 || c === 0x2019) && buf[n - 1] !== SPACE && i + 1 < src.length && isWordChar(src.charCodeAt(i + 1))) {
      // apostrophe inside a word: dropped
    } else if (buf[n - 1] !== SPACE) {
      buf[n++] = SPACE;
    }
  }
  if (buf[n - 1] !== SPACE) buf[n++] = SPACE;
  return n;
}

/** The normalised word stream as a string (for tests and explanations). */
export function wordStream(text: string, maxChars: number): string {
  const buf = new Uint16Array(Math.min(text.length, maxChars) + 3);
  const n = wordStreamInto(text, maxChars, buf);
  let out = '';
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode(...buf.subarray(i, Math.min(n, i + 4096)));
  return out;
}

/**
 * Reusable feature builder. Counting goes into dense scratch arrays (no Map, no per-gram strings),
 * and scoring folds the L2 scaling into one pass over the touched buckets, which keeps a short
 * prompt to a few microseconds.
 */
export class Featurizer {
  readonly opts: FeatureOptions;
  private readonly shift: number;
  /** Count per bucket and block, saturating at 255; all zero again after every call. */
  private readonly wordCounts: Uint8Array;
  private readonly charCounts: Uint8Array;
  private touched: Int32Array;
  private nTouched = 0;
  /** touched[0, wordEnd) are word buckets, touched[wordEnd, nTouched) character buckets. */
  private wordEnd = 0;

  constructor(opts: FeatureOptions) {
    this.opts = opts;
    this.shift = 32 - opts.bits;
    this.wordCounts = new Uint8Array(1 << opts.bits);
    this.charCounts = new Uint8Array(1 << opts.bits);
    this.touched = new Int32Array(4096);
  }

  private add(counts: Uint8Array, bucket: number): void {
    const c = counts[bucket]!;
    if (c === 0) {
      if (this.nTouched === this.touched.length) {
        const grown = new Int32Array(this.touched.length * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.nTouched++] = bucket;
      counts[bucket] = 1;
    } else if (c < 255) {
      counts[bucket] = c + 1;
    }
  }

  /** Counts the word, then the character, n-grams of `text`. */
  private buf = new Uint16Array(1024);

  private count(text: string, grams?: WordGram[]): void {
    const need = Math.min(text.length, this.opts.maxChars) + 3;
    if (this.buf.length < need) this.buf = new Uint16Array(need * 2);
    const s = this.buf;
    const len = wordStreamInto(text, this.opts.maxChars, s);
    const shift = this.shift;
    const words = this.wordCounts;
    this.nTouched = 0;
    const str = (from: number, to: number): string => String.fromCharCode(...s.subarray(from, to));
    // Word unigrams and bigrams: the bigram hash continues the first word's FNV state over " w2".
    let prevStart = -1;
    let prevHash = 0;
    let wordStart = 1;
    for (let i = 1; i < len; i++) {
      if (s[i] !== SPACE) continue;
      if (i > wordStart) {
        let h = (FNV_OFFSET ^ WORD_SEED) >>> 0;
        for (let k = wordStart; k < i; k++) h = Math.imul(h ^ s[k]!, FNV_PRIME);
        const uni = h >>> shift;
        this.add(words, uni);
        if (grams) grams.push({ text: str(wordStart, i), bucket: uni });
        if (prevStart >= 0) {
          let b = prevHash;
          for (let k = wordStart - 1; k < i; k++) b = Math.imul(b ^ s[k]!, FNV_PRIME);
          const bi = b >>> shift;
          this.add(words, bi);
          if (grams) grams.push({ text: str(prevStart, i), bucket: bi });
        }
        prevStart = wordStart;
        prevHash = h;
      }
      wordStart = i + 1;
    }
    this.wordEnd = this.nTouched;
    // Character n-grams of the word stream (charGrams[0]..charGrams[1]), one FNV pass per start position.
    const chars = this.charCounts;
    const [lo, hi] = this.opts.charGrams;
    for (let i = 0; i + lo <= len; i++) {
      let h = (FNV_OFFSET ^ CHAR_SEED) >>> 0;
      const last = Math.min(i + hi, len);
      for (let k = i; k < last; k++) {
        h = Math.imul(h ^ s[k]!, FNV_PRIME);
        if (k - i + 1 >= lo) this.add(chars, h >>> shift);
      }
    }
  }

  private tf = new Float64Array(4096);

  /** Sub-linear term frequency (1 + ln tf) of every touched bucket into this.tf, clearing the counts. */
  private frequencies(): Float64Array {
    if (this.tf.length < this.nTouched) this.tf = new Float64Array(this.touched.length);
    const tf = this.tf;
    for (let i = 0; i < this.nTouched; i++) {
      const counts = i < this.wordEnd ? this.wordCounts : this.charCounts;
      const b = this.touched[i]!;
      const c = counts[b]!;
      counts[b] = 0;
      tf[i] = c <= 1 ? 1 : 1 + Math.log(c);
    }
    return tf;
  }

  /** w·x for a weight vector, without building x. */
  dot(text: string, weights: Float32Array, grams?: WordGram[]): number {
    this.count(text, grams);
    const tf = this.frequencies();
    const touched = this.touched;
    let z = 0;
    for (let block = 0; block < 2; block++) {
      const from = block === 0 ? 0 : this.wordEnd;
      const to = block === 0 ? this.wordEnd : this.nTouched;
      let dot = 0;
      let sq = 0;
      for (let i = from; i < to; i++) {
        const v = tf[i]!;
        dot += weights[touched[i]!]! * v;
        sq += v * v;
      }
      // Each block is scaled to L2 norm 1/sqrt(2), so the whole vector has norm 1.
      if (sq > 0) z += (dot * Math.SQRT1_2) / Math.sqrt(sq);
    }
    return z;
  }

  /** Features of one text; `grams` (if given) receives the word n-grams for explanations. */
  featurize(text: string, grams?: WordGram[]): SparseVector {
    this.count(text, grams);
    const tf = this.frequencies();
    const index = this.touched.slice(0, this.nTouched);
    const value = new Float32Array(this.nTouched);
    for (let block = 0; block < 2; block++) {
      const from = block === 0 ? 0 : this.wordEnd;
      const to = block === 0 ? this.wordEnd : this.nTouched;
      let sq = 0;
      for (let i = from; i < to; i++) sq += tf[i]! * tf[i]!;
      const scale = sq > 0 ? Math.SQRT1_2 / Math.sqrt(sq) : 0;
      for (let i = from; i < to; i++) value[i] = tf[i]! * scale;
    }
    return { index, value };
  }
}
