// SPDX-License-Identifier: UNLICENSED
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { auditHashdeep, formatHashdeep, parseHashdeep } from '../../../../shared/manifests/hashdeep.js';

const row = (name: string, md5: string, sha256: string, size = 1) => ({ name, size, hashes: { md5, sha256 } });

describe('hashdeep files and audit', () => {
  test('a name with commas takes the rest of the line; unknown hash columns are ignored, not fatal', () => {
    const text = '%%%% HASHDEEP-1.0\n%%%% size,md5,tiger,sha256,filename\n## Invoked from: /x\n## # hashdeep\n## \n3,aa,tt,BB,/x/a, b,c\n';
    const p = parseHashdeep(text);
    assert.deepEqual(p.rows, [{ size: 3, hashes: { md5: 'aa', sha256: 'bb' }, name: '/x/a, b,c' }]);
    assert.deepEqual(p.ignoredColumns, ['tiger']);
    assert.deepEqual(p.problems, []);
  });

  test('round trip, and the problems of a damaged file are named by line', () => {
    const rows = [row('m/a', '1'.repeat(32), '2'.repeat(64))];
    assert.deepEqual(parseHashdeep(formatHashdeep(rows, '/w', 'evault manifest m')).rows, rows);
    const bad = parseHashdeep('%%%% HASHDEEP-1.0\n1,2,3\n%%%% size,md5,filename\nx,aa,f\n');
    assert.deepEqual(bad.problems, ['line 2: a row before any "%%%% size,…,filename" header', 'line 4: size "x" is not a number']);
    assert.match(parseHashdeep('hello\n').problems[0]!, /not a hashdeep file/);
  });

  test('partial match (one hash agrees, the other does not) and a moved copy when the original is still there', () => {
    const known = [row('a', 'm1', 's1'), row('b', 'm2', 's2')];
    const r = auditHashdeep(known, [row('a', 'm1', 's1'), row('a2', 'm1', 's1'), row('c', 'm2', 'sX')]);
    assert.deepEqual(r.files, [{ name: 'a', status: 'matched' }, { name: 'a2', status: 'moved', known: 'a' }, { name: 'c', status: 'partial', known: 'b' }]);
    assert.deepEqual(r.missing, []);
    assert.equal(r.passed, false);
  });
});
