// SPDX-License-Identifier: UNLICENSED
// A static pickle reader for protocols 0–5. It walks the opcodes and simulates the unpickler's stack,
// mark stack and memo just far enough to know what every GLOBAL, STACK_GLOBAL, INST and EXT opcode
// imports — nothing is ever imported, called or built. Semantics follow CPython's Modules/_pickle.c
// (the C unpickler that pickle.load, torch.load and numpy.load use): where it would refuse the
// input (stack underflow, a missing memo key, an unknown opcode…) we stop with an error, and the
// imports seen up to there are still reported, because the code before that point would have run.
//
// Cost is linear in the input: every opcode is O(1) amortised (a MARK's items are popped once),
// nothing is copied or allocated per opcode beyond the simulated value (strings are offsets into the
// input, decoded only when an import needs them, once), dispatch is on the opcode byte, and the
// stack, mark stack and memo are capped so hostile input fails fast instead of exhausting memory.
import { HIGHEST_PROTOCOL, OPCODES, opcodeName } from './opcodes.js';
import { escapeDecode, rawUnicodeEscapeDecode } from './text.js';

/** What an opcode imports: `module`/`name` are null where the operand was not a known string. */
export interface GlobalRef {
  module: string | null;
  name: string | null;
  opcode: string;
  /** Offset of the importing opcode in the parsed bytes. */
  offset: number;
}

/** A value on the simulated stack: only what resolving imports and reading PyTorch storages needs. */
export type PValue =
  | { k: 'str'; src: Uint8Array; start: number; end: number; enc: 'utf8' | 'escaped' | 'raw-unicode-escape'; text?: string | null }
  | { k: 'bytes'; length: number }
  | { k: 'int'; v: number | bigint }
  | { k: 'global'; ref: GlobalRef }
  | { k: 'tuple'; items: PValue[] | null }
  | { k: 'call'; fn: PValue; args: PValue | null }
  | { k: 'persid'; pid: PValue }
  | { k: 'dict' | 'list' | 'set' | 'other' };

export interface PickleHooks {
  /** A persistent id handed to persistent_load (PyTorch storages). */
  onPersistentId?(pid: PValue): void;
  /** A key/value stored into a dict (SETITEM/SETITEMS). */
  onSetItem?(key: PValue, value: PValue): void;
  /** Every opcode, by name (coverage in tests, opcode statistics). */
  onOpcode?(name: string): void;
}

export interface PickleLimits {
  maxStack: number;
  maxMarks: number;
  maxMemo: number;
}

export const DEFAULT_PICKLE_LIMITS: PickleLimits = { maxStack: 1 << 20, maxMarks: 100_000, maxMemo: 1 << 21 };

export interface ParsedPickle {
  offset: number;
  /** Offset just after STOP, or where parsing stopped. */
  end: number;
  /** The PROTO argument, or the lowest protocol its opcodes need. */
  protocol: number;
  opcodes: number;
  globals: GlobalRef[];
  /** Set when CPython's unpickler would refuse the bytes at `end`. */
  error?: string;
  notes: string[];
}

class PickleError extends Error {}

const MAX_TUPLE_ITEMS = 64;
const OTHER: PValue = { k: 'other' };
const DECIMAL = /^\s*[+-]?\d+(_\d+)*\s*$/;
const INT_LITERAL = /^\s*[+-]?(0[xXoObB])?[0-9a-fA-F]+(_[0-9a-fA-F]+)*\s*$/;
const FLOAT_LITERAL = /^\s*[+-]?((\d[\d_]*)?\.?\d*([eE][+-]?\d+)?|inf(inity)?|nan)\s*$/i;
const latin1 = new TextDecoder('latin1');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a string value (decoded once, cached), or null when it is not a str CPython would accept. */
export function stringValue(v: PValue | undefined): string | null {
  if (v?.k !== 'str') return null;
  if (v.text !== undefined) return v.text;
  const bytes = v.src.subarray(v.start, v.end);
  try {
    if (v.enc === 'utf8') v.text = strictUtf8.decode(bytes);
    else if (v.enc === 'raw-unicode-escape') v.text = rawUnicodeEscapeDecode(bytes);
    else {
      const raw = escapeDecode(bytes);
      v.text = raw === null ? null : strictUtf8.decode(raw);
    }
  } catch {
    v.text = null;
  }
  return v.text;
}

/** Parses one pickle starting at `start`, up to and including its STOP opcode. Never throws. */
export function parsePickle(data: Uint8Array, start: number, hooks: PickleHooks = {}, limits: PickleLimits = DEFAULT_PICKLE_LIMITS): ParsedPickle {
  const result: ParsedPickle = { offset: start, end: start, protocol: 0, opcodes: 0, globals: [], notes: [] };
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const stack: PValue[] = [];
  const marks: number[] = [];
  const memo = new Map<number, PValue>();
  const end = data.length;
  let pos = start;
  let opPos = start;
  let code = 0;
  let frameEnd = -1;
  let proto: number | null = null;

  const fail = (message: string): never => {
    throw new PickleError(`${pos > end || opPos >= end ? 'end of data' : opcodeName(code)} at offset ${opPos}: ${message}`);
  };
  /** Checks that n more bytes exist (n may be a u64 from the input) and returns it as a number. */
  const need = (n: number | bigint): number => {
    if (typeof n === 'bigint' ? n > BigInt(end - pos) : n > end - pos) fail(`needs ${n} bytes, only ${end - pos} remain`);
    return Number(n);
  };
  const u8 = (): number => {
    need(1);
    return data[pos++]!;
  };
  const u16 = (): number => {
    need(2);
    pos += 2;
    return dv.getUint16(pos - 2, true);
  };
  const i32 = (): number => {
    need(4);
    pos += 4;
    return dv.getInt32(pos - 4, true);
  };
  const u32 = (): number => {
    need(4);
    pos += 4;
    return dv.getUint32(pos - 4, true);
  };
  const u64 = (): bigint => {
    need(8);
    pos += 8;
    return dv.getBigUint64(pos - 8, true);
  };
  /** A length-prefixed string or bytes argument: its [start, end). */
  const span = (len: number | bigint): [number, number] => {
    const n = need(len);
    pos += n;
    return [pos - n, pos];
  };
  const str = (len: number | bigint, enc: 'utf8' | 'escaped' | 'raw-unicode-escape' = 'utf8'): PValue => {
    const [s, e] = span(len);
    return { k: 'str', src: data, start: s, end: e, enc };
  };
  /** A newline-terminated argument: its [start, end) without the newline. */
  const line = (): [number, number] => {
    const nl = data.indexOf(0x0a, pos);
    if (nl < 0) fail('argument has no terminating newline');
    const s = pos;
    pos = nl + 1;
    return [s, nl];
  };
  const decimal = ([s, e]: [number, number], re = DECIMAL): number => {
    const text = latin1.decode(data.subarray(s, e));
    if (!re.test(text)) fail(`invalid literal ${JSON.stringify(text.slice(0, 40))}`);
    return Number(text.replace(/_/g, ''));
  };
  const utf8Line = (): string => {
    const [s, e] = line();
    try {
      return strictUtf8.decode(data.subarray(s, e));
    } catch {
      return fail('module or name is not valid UTF-8');
    }
  };

  const fence = (): number => (marks.length > 0 ? marks[marks.length - 1]! : 0);
  const push = (v: PValue): void => {
    if (stack.length >= limits.maxStack) fail(`stack grows beyond ${limits.maxStack} items`);
    stack.push(v);
  };
  const pop = (): PValue => {
    if (stack.length <= fence()) fail('stack underflow');
    return stack.pop()!;
  };
  const peek = (): PValue => {
    if (stack.length <= fence()) fail('stack underflow');
    return stack[stack.length - 1]!;
  };
  const popMark = (): PValue[] => {
    const m = marks.pop();
    if (m === undefined) fail('no MARK to pop to');
    return stack.splice(m!);
  };
  const tuple = (items: PValue[]): PValue => ({ k: 'tuple', items: items.length <= MAX_TUPLE_ITEMS ? items : null });
  const addGlobal = (module: string | null, name: string | null): PValue => {
    const ref: GlobalRef = { module, name, opcode: opcodeName(code), offset: opPos };
    result.globals.push(ref);
    return { k: 'global', ref };
  };
  const memoGet = (key: number): PValue => {
    const v = memo.get(key);
    if (v === undefined) fail(`memo key ${key} was never stored`);
    return v!;
  };
  const memoPut = (key: number): void => {
    if (key < 0) fail('negative memo key');
    if (!memo.has(key) && memo.size >= limits.maxMemo) fail(`memo grows beyond ${limits.maxMemo} entries`);
    memo.set(key, peek());
  };
  const signedLE = (s: number, e: number): number | bigint => {
    if (e === s) return 0;
    if (e - s <= 4) {
      let v = 0;
      for (let i = e - 1; i >= s; i--) v = v * 256 + data[i]!;
      return data[e - 1]! & 0x80 ? v - 2 ** (8 * (e - s)) : v;
    }
    let v = 0n;
    for (let i = e - 1; i >= s; i--) v = (v << 8n) | BigInt(data[i]!);
    if (data[e - 1]! & 0x80) v -= 1n << BigInt(8 * (e - s));
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };
  /** A signed 4-byte length (BINSTRING, LONG4): negative is an error in CPython. */
  const byteCount = (): number => {
    const n = i32();
    if (n < 0) fail('negative byte count');
    return n;
  };

  try {
    for (;;) {
      opPos = pos;
      if (pos >= end) fail('the pickle has no STOP opcode');
      code = data[pos++]!;
      const info = OPCODES[code];
      if (!info) fail('not a pickle opcode');
      result.opcodes++;
      hooks.onOpcode?.(info!.name);
      if (proto === null && info!.proto > result.protocol) result.protocol = info!.proto;
      switch (code) {
        case 0x80: {
          // PROTO
          const p = u8();
          if (p > HIGHEST_PROTOCOL) fail(`unsupported pickle protocol ${p}`);
          if (opPos !== start) result.notes.push(`PROTO ${p} at offset ${opPos} is not at the start of the pickle`);
          if (proto === null) proto = p;
          result.protocol = p;
          break;
        }
        case 0x95: {
          // FRAME: CPython's _Unframer refuses a frame that starts before the previous one is consumed.
          if (frameEnd > opPos) fail('a new frame begins before the current frame ends');
          const len = need(u64());
          frameEnd = pos + len;
          break;
        }
        case 0x2e: // STOP
          pop();
          result.end = pos;
          result.protocol = proto ?? result.protocol;
          return result;
        // --- constants ---
        case 0x4e: // NONE
        case 0x88: // NEWTRUE
        case 0x89: // NEWFALSE
        case 0x97: // NEXT_BUFFER (an out-of-band buffer)
          push(OTHER);
          break;
        case 0x49: {
          // INT: "00"/"01" are False/True in protocol 0
          const l = line();
          const bool = l[1] - l[0] === 2 && data[l[0]] === 0x30 && (data[l[0] + 1] === 0x30 || data[l[0] + 1] === 0x31);
          push(bool ? OTHER : { k: 'int', v: decimal(l, INT_LITERAL) });
          break;
        }
        case 0x4c: {
          // LONG: digits with an optional trailing "L"
          const [s, e] = line();
          decimal([s, data[e - 1] === 0x4c ? e - 1 : e], INT_LITERAL);
          push(OTHER);
          break;
        }
        case 0x46: // FLOAT
          decimal(line(), FLOAT_LITERAL);
          push(OTHER);
          break;
        case 0x4a: // BININT
          push({ k: 'int', v: i32() });
          break;
        case 0x4b: // BININT1
          push({ k: 'int', v: u8() });
          break;
        case 0x4d: // BININT2
          push({ k: 'int', v: u16() });
          break;
        case 0x8a: // LONG1
          push({ k: 'int', v: signedLE(...span(u8())) });
          break;
        case 0x8b: // LONG4
          push({ k: 'int', v: signedLE(...span(byteCount())) });
          break;
        case 0x47: // BINFLOAT
          span(8);
          push(OTHER);
          break;
        // --- strings and bytes ---
        case 0x53: {
          // STRING: a quoted Python literal
          const [s, e] = line();
          const q = data[s];
          if (e - s < 2 || (q !== 0x27 && q !== 0x22) || data[e - 1] !== q) fail('the STRING opcode argument must be quoted');
          push({ k: 'str', src: data, start: s + 1, end: e - 1, enc: 'escaped' });
          break;
        }
        case 0x54: // BINSTRING
          push(str(byteCount()));
          break;
        case 0x55: // SHORT_BINSTRING
        case 0x8c: // SHORT_BINUNICODE
          push(str(u8()));
          break;
        case 0x56: {
          // UNICODE: raw-unicode-escape up to the newline
          const [s, e] = line();
          push({ k: 'str', src: data, start: s, end: e, enc: 'raw-unicode-escape' });
          break;
        }
        case 0x58: // BINUNICODE
          push(str(u32()));
          break;
        case 0x8d: // BINUNICODE8
          push(str(u64()));
          break;
        case 0x43: // SHORT_BINBYTES
        case 0x42: {
          // BINBYTES
          const [s, e] = span(code === 0x43 ? u8() : u32());
          push({ k: 'bytes', length: e - s });
          break;
        }
        case 0x8e: // BINBYTES8
        case 0x96: {
          // BYTEARRAY8
          const [s, e] = span(u64());
          push({ k: 'bytes', length: e - s });
          break;
        }
        case 0x98: // READONLY_BUFFER
          peek();
          break;
        // --- containers ---
        case 0x5d: // EMPTY_LIST
          push({ k: 'list' });
          break;
        case 0x7d: // EMPTY_DICT
          push({ k: 'dict' });
          break;
        case 0x8f: // EMPTY_SET
          push({ k: 'set' });
          break;
        case 0x29: // EMPTY_TUPLE
          push(tuple([]));
          break;
        case 0x28: // MARK
          if (marks.length >= limits.maxMarks) fail(`more than ${limits.maxMarks} nested MARKs`);
          marks.push(stack.length);
          break;
        case 0x74: // TUPLE
          push(tuple(popMark()));
          break;
        case 0x85: // TUPLE1
        case 0x86: // TUPLE2
        case 0x87: {
          // TUPLE3
          const items: PValue[] = [];
          for (let i = 0; i < code - 0x84; i++) items.unshift(pop());
          push(tuple(items));
          break;
        }
        case 0x6c: // LIST
          popMark();
          push({ k: 'list' });
          break;
        case 0x64: {
          // DICT
          const items = popMark();
          if (items.length % 2 !== 0) fail('odd number of items for DICT');
          for (let i = 0; i < items.length; i += 2) hooks.onSetItem?.(items[i]!, items[i + 1]!);
          push({ k: 'dict' });
          break;
        }
        case 0x91: // FROZENSET
          popMark();
          push({ k: 'set' });
          break;
        case 0x61: // APPEND
          pop();
          peek();
          break;
        case 0x65: // APPENDS
        case 0x90: // ADDITEMS
          popMark();
          peek();
          break;
        case 0x73: {
          // SETITEM
          const value = pop();
          const key = pop();
          peek();
          hooks.onSetItem?.(key, value);
          break;
        }
        case 0x75: {
          // SETITEMS
          const items = popMark();
          if (items.length % 2 !== 0) fail('odd number of items for SETITEMS');
          peek();
          for (let i = 0; i < items.length; i += 2) hooks.onSetItem?.(items[i]!, items[i + 1]!);
          break;
        }
        // --- stack and memo ---
        case 0x30: // POP: _pickle.c load_pop pops the mark itself when nothing lies above it
          if (marks.length > 0 && marks[marks.length - 1] === stack.length) marks.pop();
          else pop();
          break;
        case 0x31: // POP_MARK
          popMark();
          break;
        case 0x32: // DUP
          push(peek());
          break;
        case 0x67: // GET
          push(memoGet(decimal(line())));
          break;
        case 0x68: // BINGET
          push(memoGet(u8()));
          break;
        case 0x6a: // LONG_BINGET
          push(memoGet(u32()));
          break;
        case 0x70: // PUT
          memoPut(decimal(line()));
          break;
        case 0x71: // BINPUT
          memoPut(u8());
          break;
        case 0x72: // LONG_BINPUT
          memoPut(u32());
          break;
        case 0x94: // MEMOIZE
          memoPut(memo.size);
          break;
        // --- imports: the whole point ---
        case 0x63: {
          // GLOBAL
          const module = utf8Line();
          push(addGlobal(module, utf8Line()));
          break;
        }
        case 0x69: {
          // INST
          const module = utf8Line();
          const g = addGlobal(module, utf8Line());
          const args = popMark();
          push({ k: 'call', fn: g, args: tuple(args) });
          break;
        }
        case 0x93: {
          // STACK_GLOBAL
          const name = pop();
          const module = pop();
          push(addGlobal(stringValue(module), stringValue(name)));
          break;
        }
        case 0x82: // EXT1
        case 0x83: // EXT2
        case 0x84: {
          // EXT4: the copyreg extension registry maps the code to an import we cannot see statically
          const ext = code === 0x82 ? u8() : code === 0x83 ? u16() : i32();
          if (ext <= 0) fail('EXT specifies code <= 0');
          push(addGlobal(null, `ext${ext}`));
          break;
        }
        // --- calls and object building ---
        case 0x52: // REDUCE
        case 0x81: {
          // NEWOBJ
          const args = pop();
          push({ k: 'call', fn: pop(), args });
          break;
        }
        case 0x92: {
          // NEWOBJ_EX
          pop();
          const args = pop();
          push({ k: 'call', fn: pop(), args });
          break;
        }
        case 0x6f: {
          // OBJ
          const items = popMark();
          if (items.length === 0) fail('OBJ has no class');
          push({ k: 'call', fn: items[0]!, args: tuple(items.slice(1)) });
          break;
        }
        case 0x62: {
          // BUILD
          pop();
          const target = peek();
          if (target.k === 'global') result.notes.push(`BUILD at offset ${opPos} sets state on the imported object ${target.ref.module ?? 'unknown'}.${target.ref.name ?? 'unknown'}`);
          break;
        }
        case 0x50: {
          // PERSID
          const [s, e] = line();
          for (let i = s; i < e; i++) if (data[i]! > 0x7f) fail('persistent id is not ASCII');
          const value: PValue = { k: 'str', src: data, start: s, end: e, enc: 'utf8' };
          hooks.onPersistentId?.(value);
          push({ k: 'persid', pid: value });
          break;
        }
        case 0x51: {
          // BINPERSID
          const pid = pop();
          hooks.onPersistentId?.(pid);
          push({ k: 'persid', pid });
          break;
        }
        default:
          fail('opcode not handled');
      }
    }
  } catch (err) {
    if (!(err instanceof PickleError)) throw err;
    result.error = err.message;
    result.end = opPos;
    result.protocol = proto ?? result.protocol;
    return result;
  }
}
