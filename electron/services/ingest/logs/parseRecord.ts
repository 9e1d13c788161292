// SPDX-License-Identifier: UNLICENSED
// Turns one record's bytes into a value whose string fields can be searched and scanned, or says
// why it is malformed. Never throws.
import { isUtf8 } from 'node:buffer';
import type { LogFormat } from './format.js';

export type ParsedValue = { value: Record<string, unknown> | unknown[] | string | number | boolean | null } | { malformed: string };

export function parseRecord(bytes: Buffer | undefined, format: LogFormat, columns?: string[]): ParsedValue {
  if (bytes === undefined) return { malformed: 'record too large to parse' };
  if (!isUtf8(bytes)) return { malformed: 'invalid UTF-8' };
  const text = bytes.toString('utf8');
  switch (format) {
    case 'jsonl':
    case 'json':
      if (text.trim() === '') return { malformed: 'empty line' };
      try {
        return { value: JSON.parse(text) as Record<string, unknown> };
      } catch (err) {
        return { malformed: `not valid JSON: ${(err as Error).message.replace(/ in JSON at position \d+.*$/, '')}` };
      }
    case 'csv':
    case 'tsv': {
      if (text.replace(/\r$/, '') === '') return { malformed: 'empty line' };
      const cells = splitDelimited(text.replace(/\r$/, ''), format === 'csv' ? ',' : '\t');
      if ('malformed' in cells) return cells;
      if (columns && cells.cells.length !== columns.length) {
        return { malformed: `expected ${columns.length} columns, found ${cells.cells.length}` };
      }
      const names = columns ?? cells.cells.map((_, i) => `column${i + 1}`);
      return { value: Object.fromEntries(names.map((n, i) => [n, cells.cells[i] ?? ''])) };
    }
    case 'syslog':
      return { value: parseSyslog(text.replace(/\r$/, '')) };
    case 'access':
      return { value: parseAccess(text.replace(/\r$/, '')) };
    default:
      return text.replace(/\r$/, '') === '' ? { malformed: 'empty line' } : { value: { message: text.replace(/\r$/, '') } };
  }
}

/** RFC 4180 field splitting of one record (which may contain quoted newlines). */
export function splitDelimited(text: string, delimiter: string): { cells: string[] } | { malformed: string } {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return { malformed: 'unbalanced quotes: a quoted cell is never closed' };
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < text.length && text[i] !== delimiter) return { malformed: `unexpected character after a quoted cell at column ${cells.length + 1}` };
      cells.push(value);
    } else {
      const d = text.indexOf(delimiter, i);
      const cell = d < 0 ? text.slice(i) : text.slice(i, d);
      if (cell.includes('"')) return { malformed: `stray quote in unquoted cell at column ${cells.length + 1}` };
      cells.push(cell);
      i = d < 0 ? text.length : d;
    }
    if (i >= text.length) return { cells };
    i++; // skip the delimiter
    if (i === text.length) {
      cells.push('');
      return { cells };
    }
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5424, else RFC 3164 (with or without PRI); anything else keeps its text as `message`. */
export function parseSyslog(line: string): Record<string, unknown> {
  const m5424 = /^<(\d{1,3})>(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[[^\]]*\])+) ?(.*)$/.exec(line);
  if (m5424) {
    const pri = Number(m5424[1]);
    return { facility: pri >> 3, severity: pri & 7, version: Number(m5424[2]), time: nil(m5424[3]), host: nil(m5424[4]), app: nil(m5424[5]), pid: nil(m5424[6]), msgid: nil(m5424[7]), structured: nil(m5424[8]), message: m5424[9] };
  }
  // RFC 3164 and the BSD variants real files carry: optional PRI, fractional seconds, no host,
  // a colon straight after the time ("Feb 29 01:15:43: --- …"), a tag without pid, or no tag.
  const m3164 = /^(?:<(\d{1,3})>)?([A-Z][a-z]{2}) ([ \d]\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(:?) ?(.*)$/.exec(line);
  if (m3164 && MONTHS.includes(m3164[2]!)) {
    const pri = m3164[1] === undefined ? undefined : Number(m3164[1]);
    const base = { ...(pri === undefined ? {} : { facility: pri >> 3, severity: pri & 7 }), time: `${m3164[2]} ${m3164[3]!.trim().padStart(2, '0')} ${m3164[4]}` };
    const rest = m3164[6]!;
    if (m3164[5] === ':') return { ...base, host: null, app: null, pid: null, message: rest };
    const tagged = /^(?:(\S+) )?([^\s:[]+)(?:\[(\d+)\])?: ?(.*)$/.exec(rest);
    if (tagged) return { ...base, host: tagged[1] ?? null, app: tagged[2], pid: tagged[3] ?? null, message: tagged[4] };
    const hostOnly = /^(\S+) (.*)$/.exec(rest);
    return { ...base, host: hostOnly?.[1] ?? null, app: null, pid: null, message: hostOnly?.[2] ?? rest };
  }
  return { message: line };
}

function nil(v: string | undefined): string | null {
  return v === undefined || v === '-' ? null : v;
}

/**
 * Apache/Nginx common, combined and vhost_combined ("host:port " prefix) log formats. The request
 * is taken up to the last `" STATUS BYTES`, since real logs carry unescaped quotes in URLs.
 */
export function parseAccess(line: string): Record<string, unknown> {
  const m = /^(?:(\S+:\d+) )?(\S+) (\S+) (\S+) \[([^\]]+)\] "(.*?)" (\d{3}|-) (\d+|-)(.*)$/.exec(line);
  if (!m) return { message: line };
  const [method, path, protocol] = m[6]!.split(' ');
  // Referer and agent, leniently: real logs end mid-field when a line was cut.
  const extra = /^ "(.*?)"(?: "(.*?)"?)?\s*$/.exec(m[9]!);
  return { vhost: m[1] ?? null, client: m[2], ident: nil(m[3]), user: nil(m[4]), time: m[5], request: m[6], method, path, protocol, status: m[7], bytes: m[8] === '-' ? null : Number(m[8]), referer: extra?.[1] ?? null, agent: extra?.[2] ?? null, ...(extra || m[9]!.trim() === '' ? {} : { rest: m[9] }) };
}

export { MONTHS };
