// SPDX-License-Identifier: UNLICENSED
// Test helper: what detectPii finds in a text, as [type, matched text, subtype] triples.
import { detectPii } from '../../../../shared/pii/detect.js';

export type Found = [type: string, text: string, subtype?: string];

export function found(text: string): Found[] {
  return detectPii(text).map((m): Found => (m.subtype === undefined ? [m.type, text.slice(m.start, m.end)] : [m.type, text.slice(m.start, m.end), m.subtype]));
}

/** The matched texts of one type only. */
export function foundOf(type: string, text: string): string[] {
  return detectPii(text)
    .filter((m) => m.type === type)
    .map((m) => text.slice(m.start, m.end));
}
