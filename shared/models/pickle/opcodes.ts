// SPDX-License-Identifier: UNLICENSED
// The pickle opcodes of protocols 0–5, as CPython's Lib/pickletools.py documents them (68 opcodes).
// Each entry: byte value, name, and the protocol that introduced it.

export interface OpcodeInfo {
  readonly code: number;
  readonly name: string;
  readonly proto: number;
}

const TABLE: readonly [string, string, number][] = [
  // protocol 0 (text)
  ['I', 'INT', 0], ['L', 'LONG', 0], ['S', 'STRING', 0], ['N', 'NONE', 0], ['V', 'UNICODE', 0], ['F', 'FLOAT', 0],
  ['a', 'APPEND', 0], ['l', 'LIST', 0], ['t', 'TUPLE', 0], ['d', 'DICT', 0], ['s', 'SETITEM', 0], ['0', 'POP', 0],
  ['2', 'DUP', 0], ['(', 'MARK', 0], ['g', 'GET', 0], ['p', 'PUT', 0], ['c', 'GLOBAL', 0], ['R', 'REDUCE', 0],
  ['b', 'BUILD', 0], ['i', 'INST', 0], ['.', 'STOP', 0], ['P', 'PERSID', 0],
  // protocol 1 (binary)
  ['J', 'BININT', 1], ['K', 'BININT1', 1], ['M', 'BININT2', 1], ['T', 'BINSTRING', 1], ['U', 'SHORT_BINSTRING', 1],
  ['X', 'BINUNICODE', 1], ['G', 'BINFLOAT', 1], [']', 'EMPTY_LIST', 1], ['e', 'APPENDS', 1], [')', 'EMPTY_TUPLE', 1],
  ['}', 'EMPTY_DICT', 1], ['u', 'SETITEMS', 1], ['1', 'POP_MARK', 1], ['h', 'BINGET', 1], ['j', 'LONG_BINGET', 1],
  ['q', 'BINPUT', 1], ['r', 'LONG_BINPUT', 1], ['o', 'OBJ', 1], ['Q', 'BINPERSID', 1],
  // protocol 2
  ['\x80', 'PROTO', 2], ['\x81', 'NEWOBJ', 2], ['\x82', 'EXT1', 2], ['\x83', 'EXT2', 2], ['\x84', 'EXT4', 2],
  ['\x85', 'TUPLE1', 2], ['\x86', 'TUPLE2', 2], ['\x87', 'TUPLE3', 2], ['\x88', 'NEWTRUE', 2], ['\x89', 'NEWFALSE', 2],
  ['\x8a', 'LONG1', 2], ['\x8b', 'LONG4', 2],
  // protocol 3
  ['B', 'BINBYTES', 3], ['C', 'SHORT_BINBYTES', 3],
  // protocol 4
  ['\x8c', 'SHORT_BINUNICODE', 4], ['\x8d', 'BINUNICODE8', 4], ['\x8e', 'BINBYTES8', 4], ['\x8f', 'EMPTY_SET', 4],
  ['\x90', 'ADDITEMS', 4], ['\x91', 'FROZENSET', 4], ['\x92', 'NEWOBJ_EX', 4], ['\x93', 'STACK_GLOBAL', 4],
  ['\x94', 'MEMOIZE', 4], ['\x95', 'FRAME', 4],
  // protocol 5
  ['\x96', 'BYTEARRAY8', 5], ['\x97', 'NEXT_BUFFER', 5], ['\x98', 'READONLY_BUFFER', 5],
];

/** Opcode info by byte value; undefined for bytes that are not opcodes. */
export const OPCODES: readonly (OpcodeInfo | undefined)[] = (() => {
  const out: (OpcodeInfo | undefined)[] = new Array<OpcodeInfo | undefined>(256).fill(undefined);
  for (const [ch, name, proto] of TABLE) out[ch.charCodeAt(0)] = { code: ch.charCodeAt(0), name, proto };
  return out;
})();

/** The highest protocol CPython reads (pickle.HIGHEST_PROTOCOL). */
export const HIGHEST_PROTOCOL = 5;

export function opcodeName(code: number): string {
  return OPCODES[code]?.name ?? `0x${code.toString(16).padStart(2, '0')}`;
}
