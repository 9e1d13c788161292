// SPDX-License-Identifier: UNLICENSED
// The static pickle reader: every opcode of protocols 0–5, imports resolved through the memo,
// concatenated pickles, and hostile input failing fast with a reason instead of crashing or hanging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPCODES } from '../../../../shared/models/pickle/opcodes.js';
import { parsePickle } from '../../../../shared/models/pickle/parse.js';
import { scanPickles } from '../../../../shared/models/pickle/scan.js';
import { callPickle, concat, enc, globalPickle0, PROTO, shortUnicode, STOP, u32, u64 } from './build.js';

const bytes = (...parts: (number[] | Uint8Array | string)[]): Uint8Array => concat(...parts.map((p) => (typeof p === 'string' ? enc(p) : p)));

test('the opcode table has the 68 opcodes of pickletools, each at its protocol', () => {
  const ops = OPCODES.filter((o) => o !== undefined);
  assert.equal(ops.length, 68);
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((p) => ops.filter((o) => o.proto === p).length), [22, 19, 12, 2, 10, 3]);
  assert.equal(OPCODES[0x93]?.name, 'STACK_GLOBAL');
  assert.equal(OPCODES[0x95]?.name, 'FRAME');
});

test('a pickle using every opcode parses to STOP without executing anything', () => {
  // Protocol 5 framing around protocol 0–5 opcodes; comments give the stack after each step.
  const body = bytes(
    '(', // MARK
    'I42\n', 'I01\n', 'L12L\n', 'F1.5\n', "S'a\\x41'\n", 'Vb\\u0041\n', 'N', // INT, INT(bool), LONG, FLOAT, STRING, UNICODE, NONE
    [0x4a, 1, 0, 0, 0], [0x4b, 7], [0x4d, 1, 2], // BININT, BININT1, BININT2
    [0x54, 1, 0, 0, 0, 0x63], [0x55, 1, 0x64], [0x58, 1, 0, 0, 0, 0x65], // BINSTRING, SHORT_BINSTRING, BINUNICODE
    [0x47, 0, 0, 0, 0, 0, 0, 0, 0], [0x8a, 1, 5], [0x8b, 1, 0, 0, 0, 6], // BINFLOAT, LONG1, LONG4
    [0x42, 1, 0, 0, 0, 0], [0x43, 1, 0], // BINBYTES, SHORT_BINBYTES
    [0x8d, ...u64(1), 0x66], [0x8e, ...u64(1), 0], [0x96, ...u64(1), 0], // BINUNICODE8, BINBYTES8, BYTEARRAY8
    [0x88, 0x89], // NEWTRUE NEWFALSE
    't', // TUPLE: everything since MARK becomes one tuple
    'p0\n', 'g0\n', '0', // PUT, GET, POP
    [0x71, 1, 0x68, 1, 0x30], [0x72, ...u32(2), 0x6a, ...u32(2), 0x30], // BINPUT/BINGET, LONG_BINPUT/LONG_BINGET
    '2', '0', // DUP, POP
    ']', 'N', 'a', '(', 'N', 'N', 'e', // EMPTY_LIST, APPEND, MARK, APPENDS
    '0', '(', 'N', 'l', '0', // LIST
    '}', 'N', 'N', 's', '(', 'N', 'N', 'u', '0', // EMPTY_DICT, SETITEM, SETITEMS
    '(', 'N', 'N', 'd', '0', // DICT
    [0x8f], '(', 'N', [0x90], '0', // EMPTY_SET, ADDITEMS
    '(', 'N', [0x91], '0', // FROZENSET
    ')', '0', 'N', [0x85], '0', 'NN', [0x86], '0', 'NNN', [0x87], '0', // EMPTY_TUPLE, TUPLE1, TUPLE2, TUPLE3
    '(', '1', // POP_MARK
    'cbuiltins\nset\n', ')', 'R', '0', // GLOBAL, REDUCE
    '(', 'ibuiltins\nfrozenset\n', '0', // INST
    'cbuiltins\nset\n', [0x94], '(', 'h', [3], 'o', '0', // MEMOIZE, OBJ (class fetched back with BINGET 3)
    'cbuiltins\nset\n', ')', [0x81], '0', // NEWOBJ
    'cbuiltins\nset\n', ')', '}', [0x92], 'N', 'b', '0', // NEWOBJ_EX, BUILD
    shortUnicode('collections'), shortUnicode('OrderedDict'), [0x93], '0', // STACK_GLOBAL
    [0x82, 1], '0', [0x83, 1, 0], '0', [0x84, 1, 0, 0, 0], '0', // EXT1, EXT2, EXT4
    'Pid\n', '0', 'N', 'Q', '0', // PERSID, BINPERSID
    [0x97, 0x98], // NEXT_BUFFER, READONLY_BUFFER
    [STOP],
  );
  const data = bytes(PROTO(5), [0x95], u64(body.length), body);
  const seen = new Set<string>();
  const p = parsePickle(data, 0, { onOpcode: (name) => seen.add(name) });
  assert.equal(p.error, undefined);
  assert.equal(p.end, data.length);
  assert.equal(p.protocol, 5);
  assert.deepEqual([...seen].sort(), OPCODES.filter((o) => o !== undefined).map((o) => o.name).sort());
  const scan = scanPickles(data);
  assert.deepEqual(scan.globals, ['builtins.frozenset', 'builtins.set', 'collections.OrderedDict', 'unknown.ext1']);
  assert.equal(scan.verdict, 'dangerous'); // EXT codes resolve through a registry we cannot see
});

test('STACK_GLOBAL operands are resolved through the memo: MEMOIZE, PUT, BINPUT, LONG_BINPUT and their GETs', () => {
  const cases: [string, Uint8Array][] = [
    ['MEMOIZE/BINGET', bytes(PROTO(4), shortUnicode('os'), [0x94], shortUnicode('system'), [0x94, 0x68, 0, 0x68, 1, 0x93, STOP])],
    ['PUT/GET (protocol 0 strings)', bytes("S'os'\np7\n0S'system'\np8\n0g7\ng8\n", [0x93, STOP])],
    ['BINPUT/BINGET', bytes(PROTO(2), 'X', u32(2), 'os', [0x71, 9, 0x30], 'X', u32(6), 'system', [0x71, 10, 0x30, 0x68, 9, 0x68, 10, 0x93, STOP])],
    ['LONG_BINPUT/LONG_BINGET', bytes(PROTO(2), 'X', u32(2), 'os', [0x72], u32(70000), [0x30], 'X', u32(6), 'system', [0x72], u32(70001), [0x30, 0x6a], u32(70000), [0x6a], u32(70001), [0x93, STOP])],
    ['UNICODE with raw-unicode-escape', bytes('Vo\\u0073\np0\n0Vsystem\np1\n0g0\ng1\n', [0x93, STOP])],
  ];
  for (const [label, data] of cases) {
    const scan = scanPickles(data);
    assert.deepEqual(scan.globals, ['os.system'], label);
    assert.equal(scan.verdict, 'dangerous', label);
  }
});

test('GLOBAL, INST and protocol 4 STACK_GLOBAL imports are all found; Python 2 names are judged by their Python 3 module', () => {
  assert.deepEqual(scanPickles(globalPickle0('posix', 'system')).dangerous, ['posix.system']);
  assert.deepEqual(scanPickles(enc("(S'ls'\nios\nsystem\n.")).dangerous, ['os.system']);
  assert.deepEqual(scanPickles(callPickle('subprocess', 'Popen')).dangerous, ['subprocess.Popen']);
  assert.deepEqual(scanPickles(globalPickle0('__builtin__', 'eval')).dangerous, ['__builtin__.eval']);
  assert.deepEqual(scanPickles(globalPickle0('commands', 'getoutput')).dangerous, ['commands.getoutput']);
  assert.equal(scanPickles(globalPickle0('__builtin__', 'set')).verdict, 'safe');
});

test('a STACK_GLOBAL operand that is not a known string is an unknown, dangerous import', () => {
  // The name is the result of a call: only known when the pickle runs.
  const call = bytes(shortUnicode('builtins'), shortUnicode('str'), [0x93], shortUnicode('x'), [0x85, 0x52]);
  const data = bytes(PROTO(4), call, call, [0x93, STOP]);
  const scan = scanPickles(bytes(PROTO(4), shortUnicode('os'), [0x4b, 1, 0x93, STOP]));
  assert.deepEqual(scan.dangerous, ['os.unknown']);
  const nested = scanPickles(data);
  assert.deepEqual(nested.dangerous, ['unknown.unknown']);
  assert.deepEqual(nested.globals, ['builtins.str', 'unknown.unknown']);
  assert.equal(scanPickles(bytes(PROTO(4), [0x4e], shortUnicode('system'), [0x93, STOP])).verdict, 'dangerous');
});

test('every pickle of a concatenated stream is scanned; non-pickle bytes after the last are trailing data', () => {
  const benign = bytes(PROTO(4), [0x5d, STOP]);
  const scan = scanPickles(concat(benign, benign, callPickle('socket', 'socket')));
  assert.equal(scan.pickles.length, 3);
  assert.deepEqual(scan.dangerous, ['socket.socket']);
  const trailing = scanPickles(concat(benign, enc('\n\ntrailing junk')));
  assert.equal(trailing.verdict, 'safe');
  assert.deepEqual(trailing.trailing, { offset: benign.length, length: 15 });
  assert.equal(scanPickles(concat(benign, benign, benign), { maxPickles: 2 }).trailing?.offset, benign.length * 2);
});

test('imports before a parse error still count: a truncated malicious pickle is dangerous, a truncated benign one invalid', () => {
  const evil = globalPickle0('os', 'system');
  const cut = scanPickles(evil.subarray(0, evil.length - 3));
  assert.equal(cut.verdict, 'dangerous');
  assert.match(cut.reason!, /not a valid pickle/);
  const benign = scanPickles(bytes(PROTO(4), [0x5d]));
  assert.equal(benign.verdict, 'invalid');
  assert.match(benign.reason!, /no STOP/);
});

test('what CPython refuses is invalid, with the opcode and offset', () => {
  const cases: [Uint8Array, RegExp][] = [
    [new Uint8Array(0), /empty/],
    [bytes([0xff]), /0xff at offset 0: not a pickle opcode/],
    [bytes(PROTO(6), [STOP]), /unsupported pickle protocol 6/],
    [bytes(PROTO(2), [STOP]), /STOP at offset 2: stack underflow/],
    [bytes(PROTO(2), [0x68, 3, STOP]), /BINGET at offset 2: memo key 3 was never stored/],
    [bytes(PROTO(2), [0x65]), /APPENDS at offset 2: no MARK/],
    [bytes(PROTO(2), '(N', [0x75]), /odd number of items for SETITEMS/],
    [bytes("S'unterminated\n."), /must be quoted/],
    [bytes('Inot-a-number\n.'), /invalid literal/],
    [bytes(PROTO(4), [0x8d], u64(2n ** 63n), 'x'), /BINUNICODE8 at offset 2: needs 9223372036854775808 bytes, only 1 remain/],
    [bytes(PROTO(2), [0x54], u32(0xffffffff)), /negative byte count/],
    [bytes(PROTO(2), [0x82, 0]), /EXT specifies code <= 0/],
  ];
  for (const [data, reason] of cases) {
    const scan = scanPickles(data);
    assert.equal(scan.verdict, 'invalid', String(reason));
    assert.match(scan.reason ?? '', reason);
  }
});

test('hostile pickles fail fast: 10^6 nested MARKs, 10^6 FRAMEs, a memo and a stack flood, huge lengths', () => {
  const million = 1_000_000;
  const t0 = performance.now();
  const marks = scanPickles(concat(new Uint8Array(million).fill(0x28), [STOP]));
  assert.equal(marks.verdict, 'invalid');
  assert.match(marks.reason!, /more than 100000 nested MARKs/);

  // Each FRAME claims the rest of the data; the second begins inside the first.
  const frame = bytes([0x95], u64(9 * million - 9));
  const frames = new Uint8Array(9 * million);
  for (let i = 0; i < million; i++) frames.set(frame, 9 * i);
  const f = scanPickles(concat(PROTO(4), frames));
  assert.equal(f.verdict, 'invalid');
  assert.match(f.reason!, /a new frame begins before the current frame ends/);

  const nones = scanPickles(concat(PROTO(2), new Uint8Array(1_100_000).fill(0x4e), [STOP]));
  assert.match(nones.reason!, /stack grows beyond 1048576 items/);

  const memo = new Uint8Array(2 + 1 + 2_500_000);
  memo.set([0x80, 4, 0x4e]);
  memo.fill(0x94, 3);
  assert.match(scanPickles(memo).reason!, /memo grows beyond 2097152 entries/);

  const deepTuples = scanPickles(concat(PROTO(2), [0x29], new Uint8Array(million).fill(0x85), [STOP]));
  assert.equal(deepTuples.verdict, 'safe'); // a 10^6-deep tuple is legal and costs O(n)
  assert.ok(performance.now() - t0 < 20_000, 'bounded time');
});

test('notes: PROTO in the middle and BUILD on an imported object (a module rewrite)', () => {
  const scan = scanPickles(bytes(PROTO(2), 'ctorch\n_utils\n}', [0x62, 0x80, 2, STOP]));
  assert.ok(scan.notes.some((n) => /BUILD at offset \d+ sets state on the imported object torch\._utils/.test(n)));
  assert.ok(scan.notes.some((n) => /PROTO 2 at offset \d+ is not at the start/.test(n)));
  assert.equal(scan.verdict, 'suspicious');
});
