// SPDX-License-Identifier: UNLICENSED
// The log reader on real third-party samples and the labelled AI-system logs, and on bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { readLogRecords, type LogReadInfo, type LogRecord } from '../../../electron/services/ingest/logs/readLog.js';
import { mapRecord } from '../../../shared/logs/schemas.js';
import { corpusDir } from '../../helpers/repoRoot.js';
import { tempDir } from '../../helpers/vaultFixture.js';

async function readAll(path: string, name?: string): Promise<{ info: LogReadInfo; records: LogRecord[] }> {
  let info: LogReadInfo | undefined;
  const records: LogRecord[] = [];
  for await (const r of readLogRecords(path, { name, onInfo: (i) => (info = i) })) records.push(r);
  return { info: info!, records };
}

const logs = join(corpusDir(), 'logs');

// Expected: format, record count (lines, plus an unterminated last line), schema, first record's time.
const REAL: [string, string, number, string, string][] = [
  ['apache_access.log', 'access', 15, 'access_log', '2016-01-13T19:31:16.000Z'],
  ['audit_enriched.log', 'text', 29, 'linux_audit', '2026-07-07T08:56:13.076Z'],
  ['aws_cloudtrail.jsonl', 'jsonl', 6, 'cloudtrail', '2022-02-07T22:23:37.000Z'],
  ['aws_elb_access.log', 'text', 16, 'aws_elb', '2020-01-11T16:55:20.356Z'],
  ['azure_activity_log.jsonl', 'jsonl', 4, 'azure_activity', ''],
  ['gcp_logging.jsonl', 'jsonl', 11, 'gcp_logging', ''],
  ['microsoft_audit_log.jsonl', 'jsonl', 4, 'microsoft_audit', '2022-05-07T12:55:53.000Z'],
  ['postgresql.log', 'text', 22, 'text', '2022-04-12T00:16:05.526Z'],
  ['syslog', 'syslog', 18, 'syslog', '2012-01-22T07:52:33.000Z'],
  ['syslog.gz', 'syslog', 15, 'syslog', ''],
  ['syslog_cron.log', 'syslog', 9, 'syslog', ''],
];

test('real third-party samples: right format, record count, no false malformed, a timestamp on every record', async () => {
  for (const [file, format, count, schema, firstTime] of REAL) {
    const { info, records } = await readAll(join(logs, file));
    assert.equal(info.format, format, file);
    assert.equal(info.gzip, file.endsWith('.gz'), file);
    assert.equal(records.length, count, file);
    assert.deepEqual(records.filter((r) => r.malformed).map((r) => r.malformed), [], file);
    const mapped = records.map((r) => mapRecord(r.value, info.format, { year: 2012 }));
    assert.ok(mapped.every((m) => m.schema === schema), `${file}: ${[...new Set(mapped.map((m) => m.schema))]}`);
    // Indented continuation lines (PostgreSQL's DETAIL lines) carry no time of their own, and plaso's
    // syslog samples have lines with a month of "MMM" or no time ("Mar 23 Wrong line …") on purpose.
    const untimed = records.filter((r, i) => !mapped[i]!.fields.timestamp);
    assert.ok(untimed.every((r) => /^(\s|MMM |[A-Z][a-z]{2} \d+ [^\d])/.test(r.bytes!.toString())), `${file}: every record but continuation lines has a timestamp`);
    assert.ok(untimed.length <= 3, file);
    if (firstTime) assert.equal(mapped[0]!.fields.timestamp, firstTime, file);
  }
});

test('syslog without a year: the assumed year is used, and a date it lacks gets no time rather than a wrong one', async () => {
  const { info, records } = await readAll(join(logs, 'syslog'));
  const times = (year: number) => records.map((r) => mapRecord(r.value, info.format, { year }).fields.timestamp);
  const leap = records.findIndex((r) => r.bytes!.toString().startsWith('Feb 29 01:15:43'));
  assert.equal(times(2012)[leap], '2012-02-29T01:15:43.000Z');
  assert.equal(times(2026)[leap], undefined);
  const frac = records.findIndex((r) => r.bytes!.toString().startsWith('Mar 23 23:01:18.123'));
  assert.equal(times(2012)[frac], '2012-03-23T23:01:18.123Z');
  const untimed = records.filter((_, i) => !times(2012)[i]).map((r) => r.bytes!.toString());
  assert.deepEqual(untimed, ['MMM 22 07:54:32 myhostname.myhost.com anacron[29782]: Normal exit (1 job run)', '\tmany syslog parsers.']);
});

test('the gzip syslog decompresses to the same records as its plain form', async () => {
  const gz = await readAll(join(logs, 'syslog.gz'));
  const text = gz.records.map((r) => r.bytes!.toString()).join('\n');
  assert.match(text, /myhostname\.myhost\.com client\[30840\]/);
  assert.equal(gz.records[0]!.offset, 0);
});

test('labelled AI-system logs: counts and malformed records exactly as labelled', async () => {
  const labels = JSON.parse(readFileSync(join(logs, 'ai', 'labels.json'), 'utf8')) as { files: { name: string; records: number; malformed: { record: number; line: number }[] }[] };
  for (const f of labels.files) {
    const { records } = await readAll(join(logs, 'ai', f.name));
    assert.equal(records.length, f.records, f.name);
    assert.deepEqual(records.filter((r) => r.malformed).map((r) => [r.index, r.line]), f.malformed.map((m) => [m.record, m.line]), f.name);
  }
});

test('bad input: truncated gzip is a clear error; a binary file gives flagged records; a huge line is hashed, not held', async () => {
  const dir = tempDir('evault-logs-');
  const gz = gzipSync(Buffer.from('line one\nline two\n'.repeat(1000)));
  writeFileSync(join(dir, 'cut.log.gz'), gz.subarray(0, gz.length - 20));
  await assert.rejects(readAll(join(dir, 'cut.log.gz')), (e: Error & { code?: string }) => e.code === 'BAD_INPUT' && /gzip stream is truncated or corrupt/.test(e.message));

  writeFileSync(join(dir, 'blob.jsonl'), Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x0a, 0x80, 0x81]));
  const blob = await readAll(join(dir, 'blob.jsonl'));
  assert.deepEqual(blob.records.map((r) => r.malformed), ['invalid UTF-8', 'invalid UTF-8']);

  const big = join(dir, 'big.jsonl');
  const fd = openSync(big, 'w');
  const line = Buffer.alloc(1024 * 1024, 0x61);
  for (let i = 0; i < 20; i++) writeSync(fd, line);
  writeSync(fd, Buffer.from('\n{"ok":true}\n'));
  closeSync(fd);
  const huge = await readAll(big);
  assert.equal(huge.records.length, 2);
  assert.equal(huge.records[0]!.length, 20 * 1024 * 1024);
  assert.equal(huge.records[0]!.bytes, undefined);
  assert.match(huge.records[0]!.malformed!, /exceeds the 8 MiB parse limit/);
  assert.deepEqual(huge.records[1]!.value, { ok: true });

  writeFileSync(join(dir, 'open.json'), '[{"a":1},');
  await assert.rejects(readAll(join(dir, 'open.json')), (e: Error & { code?: string }) => e.code === 'BAD_INPUT' && /unterminated JSON array/.test(e.message));
});
