// SPDX-License-Identifier: UNLICENSED
// The outline (bookmarks) of a report PDF with the page each entry opens, and the page count: what
// the app shows as a preview of a report's pages. Rendering page images needs a PDF rasteriser
// (poppler), which investigators' laptops do not have; the outline is read from the file's own
// objects (ISO 32000-1 §12.3.3 document outline, §7.7.3 page tree), here in pure TypeScript so the
// main process and the renderer (Verify screen) both use it. Untrusted input: depth and counts are
// bounded, and anything malformed yields null rather than an exception.
import { PdfDocument } from './pdfDocument.js';
import { asArray, asDict, textString, type PdfDict, type PdfValue } from './pdfObjects.js';

export interface OutlineEntry {
  title: string;
  /** 1-based page number, or null when the destination is not a page of this file. */
  page: number | null;
}

export interface PdfOutline {
  pages: number;
  entries: OutlineEntry[];
}

const MAX_PAGES = 100_000;
const MAX_ENTRIES = 1_000;
const MAX_DEPTH = 32;

function refNum(v: PdfValue | undefined): number | undefined {
  return typeof v === 'object' && v !== null && v.kind === 'ref' ? v.num : undefined;
}

/** Object number of each page, in page order. */
function pageNumbers(doc: PdfDocument): Map<number, number> {
  const out = new Map<number, number>();
  const walk = (node: PdfDict, depth: number) => {
    if (depth > MAX_DEPTH || out.size > MAX_PAGES) return;
    const kids = doc.get(node, 'Kids');
    if (kids === undefined) return;
    for (const kid of asArray(kids, '/Kids')) {
      const num = refNum(kid);
      const dict = asDict(doc.resolve(kid), 'page tree node');
      const type = doc.get(dict, 'Type');
      if (typeof type === 'object' && type !== null && type.kind === 'name' && type.value === 'Page') {
        if (num !== undefined) out.set(num, out.size + 1);
      } else walk(dict, depth + 1);
    }
  };
  walk(asDict(doc.get(doc.catalog(), 'Pages'), 'page tree'), 0);
  return out;
}

function destinationPage(doc: PdfDocument, item: PdfDict, pages: Map<number, number>): number | null {
  let dest = doc.get(item, 'Dest');
  if (dest === undefined) {
    const action = doc.get(item, 'A');
    if (action !== undefined) dest = doc.get(asDict(action, 'outline action'), 'D');
  }
  if (typeof dest !== 'object' || dest === null || dest.kind !== 'array') return null;
  const num = refNum(dest.items[0]);
  return num === undefined ? null : (pages.get(num) ?? null);
}

export function readPdfOutline(bytes: Uint8Array): PdfOutline | null {
  try {
    const doc = new PdfDocument(bytes);
    const pages = pageNumbers(doc);
    const entries: OutlineEntry[] = [];
    const root = doc.get(doc.catalog(), 'Outlines');
    if (root !== undefined) {
      const seen = new Set<number>();
      let ref = asDict(root, 'outline root').entries.get('First');
      while (ref !== undefined && entries.length < MAX_ENTRIES) {
        const num = refNum(ref);
        if (num === undefined || seen.has(num)) break;
        seen.add(num);
        const item = asDict(doc.resolve(ref), 'outline item');
        const title = doc.get(item, 'Title');
        entries.push({ title: typeof title === 'object' && title !== null && title.kind === 'string' ? textString(title) : '(untitled)', page: destinationPage(doc, item, pages) });
        ref = item.entries.get('Next');
      }
    }
    return { pages: pages.size, entries };
  } catch {
    return null;
  }
}
