// SPDX-License-Identifier: UNLICENSED
// The embedded PAdES signature (ISO 32000-1 §12.8, ETSI EN 319 142-1): a signature dictionary with
// placeholder /ByteRange and /Contents is written by pdfkit, then — once the file is complete —
// the real ByteRange is filled in and the CMS goes into /Contents. This is what @signpdf/signpdf
// does; it is done here in ~80 lines instead, because its pdfkit placeholder package pins pdfkit
// ^0.11 (npm ci would need --legacy-peer-deps) and writes a widget without /F 4, which PDF/A forbids.
import type PDFDocument from 'pdfkit';
import type { PDFReference } from 'pdfkit';
import { EvaultError } from '../../../shared/errors.js';
import { toHex } from '../../../shared/encoding.js';

/** Room for the DER CMS: a chain of a few certificates fits; the hex string stays under PDF/A's 32,767. */
export const SIGNATURE_BYTES = 16000;
const PLACEHOLDER = '**********';
const BYTE_RANGE_TEXT = `/ByteRange [0 /${PLACEHOLDER} /${PLACEHOLDER} /${PLACEHOLDER}]`;

interface PdfkitInternals {
  _root: PDFReference;
  _acroform?: { fonts: Record<string, unknown>; defaultFont: string };
}

export interface PlaceholderInfo {
  name: string;
  reason: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
}

/** Adds the signature field (an invisible widget on the first page) and its dictionary. Call before doc.end(). */
export function addSignaturePlaceholder(doc: PDFDocument, firstPage: PDFReference, info: PlaceholderInfo): void {
  const sig = doc.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    // Strings become names in pdfkit: written as /**********, replaced by numbers after the file is built.
    ByteRange: [0, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER],
    Contents: new Uint8Array(SIGNATURE_BYTES),
    M: info.signingTime,
    Name: new String(info.name),
    Reason: new String(info.reason),
    Location: new String(info.location),
    ContactInfo: new String(info.contactInfo),
  });
  sig.end();
  // PDF/A-3 (ISO 19005-3 §6.3.2): annotations need the Print flag (F 4); a zero Rect needs no /AP.
  const widget = doc.ref({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', F: 4, Rect: [0, 0, 0, 0], V: sig, T: new String('Report signature'), P: firstPage });
  widget.end();
  const annots = (firstPage.data.Annots ??= []) as PDFReference[];
  annots.push(widget);
  const internals = doc as unknown as PdfkitInternals;
  // pdfkit's endAcroForm() finishes the form: it needs _acroform and DR.Font. No NeedAppearances (PDF/A).
  internals._acroform = { fonts: {}, defaultFont: 'none' };
  internals._root.data.AcroForm = doc.ref({ Fields: [widget], SigFlags: 3, DR: { Font: {} } });
}

function indexOf(haystack: Uint8Array, needle: string, from = 0): number {
  const first = needle.charCodeAt(0);
  outer: for (let i = haystack.indexOf(first, from); i !== -1; i = haystack.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (haystack[i + k] !== needle.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

export interface SignedRanges {
  byteRange: [number, number, number, number];
  /** The bytes the signature covers: everything but the /Contents hex string. */
  covered: [Uint8Array, Uint8Array];
}

/** Writes the real /ByteRange into the file (in place) and returns the ranges to sign. */
export function fillByteRange(pdf: Uint8Array): SignedRanges {
  const at = indexOf(pdf, BYTE_RANGE_TEXT);
  if (at < 0 || indexOf(pdf, BYTE_RANGE_TEXT, at + 1) >= 0) throw new EvaultError('INTERNAL', 'the PDF has no single signature placeholder');
  const contents = indexOf(pdf, '/Contents <', at);
  if (contents < 0) throw new EvaultError('INTERNAL', 'the signature placeholder has no /Contents');
  const start = contents + '/Contents '.length;
  const end = start + 2 + 2 * SIGNATURE_BYTES;
  if (pdf[end - 1] !== 0x3e) throw new EvaultError('INTERNAL', 'the /Contents placeholder is not where it should be');
  const byteRange: SignedRanges['byteRange'] = [0, start, end, pdf.length - end];
  const text = `/ByteRange [${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_TEXT.length, ' ');
  if (text.length !== BYTE_RANGE_TEXT.length) throw new EvaultError('INTERNAL', 'the ByteRange does not fit its placeholder');
  for (let i = 0; i < text.length; i++) pdf[at + i] = text.charCodeAt(i);
  return { byteRange, covered: [pdf.subarray(0, start), pdf.subarray(end)] };
}

/** Writes the DER CMS into /Contents as hex, zero-padded to the placeholder's size. */
export function writeContents(pdf: Uint8Array, ranges: SignedRanges, cms: Uint8Array): void {
  if (cms.length > SIGNATURE_BYTES) throw new EvaultError('INTERNAL', `the CMS signature (${cms.length} bytes) exceeds the ${SIGNATURE_BYTES}-byte placeholder`);
  const hex = toHex(cms).padEnd(2 * SIGNATURE_BYTES, '0');
  const at = ranges.byteRange[1] + 1;
  for (let i = 0; i < hex.length; i++) pdf[at + i] = hex.charCodeAt(i);
}
