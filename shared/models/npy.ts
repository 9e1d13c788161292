// SPDX-License-Identifier: UNLICENSED
// NumPy .npy (numpy/lib/format.py, "NEP 1"): magic "\x93NUMPY", version, a little-endian header
// length (u16 in 1.0, u32 in 2.0/3.0), a Python-literal dict {descr, fortran_order, shape}, then the
// array bytes. An array of dtype object is not raw bytes but a pickle of the array (numpy.save
// calls pickle.dump), so its data is scanned like any pickle.
import { readExactly, type ByteSource } from './byteSource.js';
import { malformed, overLimit } from './errors.js';
import { parsePyLiteral, type PyLiteral } from './pyLiteral.js';
import type { TensorInfo } from './types.js';

const MAX_HEADER = 1 << 20;

export interface NpyView {
  version: string;
  descr: PyLiteral;
  fortranOrder: boolean;
  shape: number[];
  /** dtype object (anywhere in a structured dtype): the data is a pickle. */
  objectDtype: boolean;
  dataOffset: number;
  /** Bytes of array data (for object arrays: of the pickle). */
  dataLength: number;
}

export function looksLikeNpy(head: Uint8Array): boolean {
  return head.length >= 6 && head[0] === 0x93 && String.fromCharCode(...head.subarray(1, 6)) === 'NUMPY';
}

export async function inspectNpy(src: ByteSource, name = 'array'): Promise<{ view: NpyView; tensors: TensorInfo[]; notes: string[] }> {
  const pre = await readExactly(src, 0, 10, '.npy preamble');
  if (!looksLikeNpy(pre)) throw malformed('not a .npy file (bad magic)');
  const major = pre[6]!;
  const minor = pre[7]!;
  if (major < 1 || major > 3) throw malformed(`unknown .npy version ${major}.${minor}`);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = pre[8]! | (pre[9]! << 8);
    headerStart = 10;
  } else {
    const b = await readExactly(src, 8, 4, '.npy header length');
    headerLength = new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
    headerStart = 12;
  }
  if (headerLength > MAX_HEADER) throw overLimit(`.npy header of ${headerLength} bytes is above the ${MAX_HEADER}-byte limit`);
  const raw = await readExactly(src, headerStart, headerLength, '.npy header');
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(raw);
  const dict = parsePyLiteral(text.trimEnd());
  if (dict === null || typeof dict !== 'object' || Array.isArray(dict)) throw malformed('.npy header is not a dict');
  const { descr, fortran_order: fortran, shape } = dict;
  if (descr === undefined || typeof fortran !== 'boolean' || !Array.isArray(shape)) throw malformed('.npy header lacks descr, fortran_order or shape');
  if (!shape.every((d) => typeof d === 'number' && d >= 0)) throw malformed('.npy shape is not a tuple of non-negative integers');
  const dims = shape as number[];
  const objectDtype = hasObject(descr);
  const dataOffset = headerStart + headerLength;
  const notes: string[] = [];
  if (objectDtype) {
    notes.push('dtype object: the data is a pickle of the array');
    return { view: { version: `${major}.${minor}`, descr, fortranOrder: fortran, shape: dims, objectDtype, dataOffset, dataLength: src.size - dataOffset }, tensors: [], notes };
  }
  const itemsize = itemSize(descr, 0);
  const length = dims.reduce((n, d) => n * d, 1) * itemsize;
  if (!Number.isSafeInteger(length)) throw overLimit('.npy shape is too large');
  if (dataOffset + length > src.size) throw malformed(`.npy data of ${length} bytes runs past the end of the file (${src.size - dataOffset} bytes follow the header)`);
  if (dataOffset + length < src.size) notes.push(`${src.size - dataOffset - length} bytes follow the array data`);
  return {
    view: { version: `${major}.${minor}`, descr, fortranOrder: fortran, shape: dims, objectDtype, dataOffset, dataLength: length },
    tensors: [{ name, dtype: typeof descr === 'string' ? descr : 'structured', shape: dims, offset: dataOffset, length }],
    notes,
  };
}

function hasObject(descr: PyLiteral): boolean {
  if (typeof descr === 'string') return /^[<>|=]?O/.test(descr);
  if (Array.isArray(descr)) return descr.some(hasObject);
  return false;
}

/** Bytes per element of a dtype descr: '<f4', '|S10', '<U3', or a structured list of (name, type[, shape]). */
function itemSize(descr: PyLiteral, depth: number): number {
  if (depth > 16) throw malformed('.npy dtype nested too deep');
  if (typeof descr === 'string') {
    const m = /^[<>|=]?([biufcSUVaMm])(\d*)(\[\w+\])?$/.exec(descr);
    if (!m) throw malformed(`.npy dtype ${JSON.stringify(descr)} is not understood`);
    const n = m[2] ? Number(m[2]) : m[1] === 'b' ? 1 : NaN;
    if (!Number.isFinite(n)) throw malformed(`.npy dtype ${JSON.stringify(descr)} has no size`);
    return m[1] === 'U' ? 4 * n : n;
  }
  if (Array.isArray(descr)) {
    return descr.reduce<number>((sum, field) => {
      if (!Array.isArray(field) || field.length < 2) throw malformed('.npy structured dtype field is not (name, type[, shape])');
      const sub = field[2];
      const count = Array.isArray(sub) ? sub.reduce<number>((n, d) => n * (typeof d === 'number' ? d : NaN), 1) : typeof sub === 'number' ? sub : 1;
      return sum + itemSize(field[1]!, depth + 1) * count;
    }, 0);
  }
  throw malformed('.npy dtype is neither a type string nor a list of fields');
}
