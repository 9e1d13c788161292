// SPDX-License-Identifier: UNLICENSED
// Framing is independent of how the stream is chunked, and records are exactly the original bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CsvFramer, JsonArrayFramer, LineFramer, type Framer } from '../../../../electron/services/ingest/logs/framers.js';
import type { RawRecord } from '../../../../electron/services/ingest/logs/recordBuilder.js';

const leaf = (b: Buffer) => createHash('sha256').update(Buffer.from([0])).update(b).digest('hex');

function frame(make: () => Framer, data: Buffer, chunkSize: number): RawRecord[] {
  const f = make();
  const out: RawRecord[] = [];
  for (let i = 0; i < data.length; i += chunkSize) out.push(...f.push(data.subarray(i, i + chunkSize)));
  out.push(...f.end());
  return out;
}

function checkAllChunkings(make: () => Framer, data: Buffer): RawRecord[] {
  const whole = frame(make, data, data.length || 1);
  for (const size of [1, 2, 3, 7, 64]) {
    const split = frame(make, data, size);
    assert.deepEqual(split.map((r) => [r.offset, r.length, r.line, r.bytes?.toString('hex'), r.leaf.toString('hex'), r.problem]), whole.map((r) => [r.offset, r.length, r.line, r.bytes?.toString('hex'), r.leaf.toString('hex'), r.problem]), `chunk size ${size}`);
  }
  for (const r of whole) {
    assert.deepEqual(r.bytes, data.subarray(r.offset, r.offset + r.length), 'record bytes are the original bytes at offset/length');
    assert.equal(r.leaf.toString('hex'), leaf(r.bytes!));
  }
  return whole;
}

test('lines: LF ends a record, CR is kept, a last line without LF is a record, empty lines are records', () => {
  const data = Buffer.from('{"a":1}\r\n\n{"b":2}\nlast');
  const records = checkAllChunkings(() => new LineFramer(), data);
  assert.deepEqual(records.map((r) => r.bytes!.toString()), ['{"a":1}\r', '', '{"b":2}', 'last']);
  assert.deepEqual(records.map((r) => r.line), [1, 2, 3, 4]);
  assert.deepEqual(frame(() => new LineFramer(), Buffer.from('x\n'), 1).map((r) => r.bytes!.toString()), ['x'], 'nothing after a final LF');
});

test('CSV: quoted cells may hold commas, quotes and newlines; the header is not a record', () => {
  const data = Buffer.from('id,text\n1,"hello, ""world"""\n2,"two\nlines"\n3,plain\n');
  const f = new CsvFramer();
  const records = checkAllChunkings(() => new CsvFramer(), data);
  f.push(data);
  assert.equal(f.header!.toString(), 'id,text');
  assert.deepEqual(records.map((r) => r.bytes!.toString()), ['1,"hello, ""world"""', '2,"two\nlines"', '3,plain']);
  assert.deepEqual(records.map((r) => r.line), [2, 3, 5]);
});

test('CSV: an unbalanced quote is flagged on the record that never closes', () => {
  const records = frame(() => new CsvFramer(), Buffer.from('a,b\n1,"open\n2,x\n'), 4);
  assert.equal(records.length, 1);
  assert.match(records[0]!.problem!, /unbalanced quotes/);
});

test('JSON array: elements of a root array, or of the first array in a root object, are records', () => {
  const root = checkAllChunkings(() => new JsonArrayFramer(), Buffer.from('[ {"a": [1, 2], "s": "x]}\\"," },\n  {"b": {}} ,"str", 3 ]\n'));
  assert.deepEqual(root.map((r) => r.bytes!.toString()), ['{"a": [1, 2], "s": "x]}\\"," }', '{"b": {}}', '"str"', '3']);
  const cloudTrail = checkAllChunkings(() => new JsonArrayFramer(), Buffer.from('{"Records": [\n  {"eventName": "A"},\n  {"eventName": "B"}\n]}'));
  assert.deepEqual(cloudTrail.map((r) => JSON.parse(r.bytes!.toString()).eventName), ['A', 'B']);
  assert.deepEqual(cloudTrail.map((r) => r.line), [2, 3]);
});

test('JSON array: an array that never closes is an error, or a flagged last element', () => {
  assert.throws(() => frame(() => new JsonArrayFramer(), Buffer.from('[{"a":1},'), 3), /unterminated JSON array/);
  const open = frame(() => new JsonArrayFramer(), Buffer.from('[{"a":1},{"b":'), 3);
  assert.equal(open.length, 2);
  assert.match(open[1]!.problem!, /unterminated JSON array/);
  assert.throws(() => frame(() => new JsonArrayFramer(), Buffer.from('{"no":"array"}'), 5), /no JSON array/);
});
