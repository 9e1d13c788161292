// SPDX-License-Identifier: UNLICENSED
// Types for the part of pdfkit 0.20.2 the report uses. pdfkit ships no types, and @types/pdfkit
// describes 0.17 (no `subset`, `file` relationships or the fields the signature placeholder sets),
// so these are written from pdfkit's source (js/pdfkit.node.mjs) and kept to what we call.
declare module 'pdfkit' {
  import { Readable } from 'node:stream';

  export interface TextOptions {
    width?: number;
    height?: number;
    align?: 'left' | 'center' | 'right' | 'justify';
    lineBreak?: boolean;
    lineGap?: number;
    continued?: boolean;
    ellipsis?: boolean | string;
    characterSpacing?: number;
    underline?: boolean;
    link?: string | null;
    destination?: string;
    goTo?: string;
  }

  export interface FileOptions {
    name: string;
    type: string;
    description?: string;
    hidden?: boolean;
    creationDate?: Date;
    modifiedDate?: Date;
    relationship?: 'Alternative' | 'Data' | 'Source' | 'Supplement' | 'Unspecified';
  }

  export interface PDFReference {
    readonly id: number;
    data: Record<string, unknown>;
    end(chunk?: Uint8Array | string): void;
  }

  export interface PDFPage {
    readonly width: number;
    readonly height: number;
    margins: { top: number; bottom: number; left: number; right: number };
    readonly annotations: PDFReference[];
    readonly dictionary: PDFReference;
  }

  export interface PDFOutlineItem {
    addItem(title: string, options?: { expanded?: boolean }): PDFOutlineItem;
  }

  export interface PDFDocumentOptions {
    pdfVersion?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7' | '1.7ext3';
    subset?: 'PDF/A-1b' | 'PDF/A-2b' | 'PDF/A-3b' | 'PDF/A-3';
    size?: string | [number, number];
    margins?: { top: number; bottom: number; left: number; right: number };
    bufferPages?: boolean;
    autoFirstPage?: boolean;
    compress?: boolean;
    lang?: string;
    displayTitle?: boolean;
    tagged?: boolean;
    font?: string;
    info?: { Title?: string; Author?: string; Subject?: string; Keywords?: string; Creator?: string; Producer?: string; CreationDate?: Date; ModDate?: Date };
  }

  export default class PDFDocument extends Readable {
    constructor(options?: PDFDocumentOptions);
    x: number;
    y: number;
    page: PDFPage;
    readonly outline: PDFOutlineItem;
    registerFont(name: string, src: string | Uint8Array): this;
    font(name: string, size?: number): this;
    fontSize(size: number): this;
    text(text: string, options?: TextOptions): this;
    text(text: string, x: number, y: number, options?: TextOptions): this;
    widthOfString(text: string, options?: TextOptions): number;
    heightOfString(text: string, options?: TextOptions): number;
    currentLineHeight(includeGap?: boolean): number;
    moveDown(lines?: number): this;
    fillColor(color: string, opacity?: number): this;
    strokeColor(color: string, opacity?: number): this;
    lineWidth(width: number): this;
    rect(x: number, y: number, w: number, h: number): this;
    roundedRect(x: number, y: number, w: number, h: number, r: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    dash(length: number, options?: { space?: number }): this;
    undash(): this;
    fill(color?: string): this;
    stroke(color?: string): this;
    fillAndStroke(fill?: string, stroke?: string): this;
    save(): this;
    restore(): this;
    addPage(options?: PDFDocumentOptions): this;
    switchToPage(n: number): PDFPage;
    bufferedPageRange(): { start: number; count: number };
    addNamedDestination(name: string): void;
    file(src: Uint8Array, options: FileOptions): PDFReference;
    ref(data?: Record<string, unknown>): PDFReference;
    end(): void;
  }
}
