// SPDX-License-Identifier: UNLICENSED
// Log format detection from the first decompressed bytes (and the name, for CSV/TSV).
import { extname } from 'node:path';

export const LOG_FORMATS = ['jsonl', 'json', 'csv', 'tsv', 'syslog', 'access', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

const SYSLOG_5424 = /^<\d{1,3}>\d{1,2} /;
const SYSLOG_3164 = /^(<\d{1,3}>)?[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /;
const ACCESS = /^(?:\S+:\d+ )?\S+ \S+ \S+ \[\d{2}\/[A-Za-z]{3}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "/;

export function detectLogFormat(name: string, head: Buffer): LogFormat {
  const base = name.replace(/\.gz$/i, '');
  const ext = extname(base).toLowerCase();
  const text = head.toString('utf8', 0, Math.min(head.length, 64 * 1024)).replace(/^\uFEFF/, '');
  const lines = text.split('\n').filter((l) => l.trim() !== '').slice(0, 5);
  const first = lines[0]?.trimStart() ?? '';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (first.startsWith('[')) return 'json';
  if (first.startsWith('{')) {
    // JSON Lines when the first line is a whole object; otherwise one (pretty-printed) document.
    try {
      JSON.parse(lines[0]!);
      return 'jsonl';
    } catch {
      return 'json';
    }
  }
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv') return 'tsv';
  if (lines.length > 0 && lines.every((l) => SYSLOG_5424.test(l) || SYSLOG_3164.test(l))) return 'syslog';
  if (lines.length > 0 && lines.every((l) => ACCESS.test(l))) return 'access';
  return 'text';
}
