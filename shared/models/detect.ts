// SPDX-License-Identifier: UNLICENSED
// Which model format a file is, from its bytes alone (an extension says what a file claims to be,
// not what it is: picklescan's test data hides pickles in .txt and .pt files that are PNGs).
import { looksLikeGguf } from './gguf.js';
import { looksLikeNpy } from './npy.js';
import { looksLikeOnnx } from './onnx.js';
import { parsePickle } from './pickle/parse.js';
import { isLegacyTorch } from './pytorch.js';
import { looksLikeSafetensors } from './safetensors.js';
import type { ModelFormat } from './types.js';
import { looksLikeZip } from './zip.js';

/** Leading bytes that settle every format with a magic number. */
export const MAGIC_BYTES = 16;
/** Leading bytes for the formats without one (ONNX needs a few fields; a protocol 0 pickle a few opcodes). */
export const SNIFF_BYTES = 64 * 1024;

const HDF5 = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const SEVEN_ZIP = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];

export interface Detected {
  format: ModelFormat;
  /** For files we do not inspect: what they look like, if known. */
  what?: string;
}

/** From the first MAGIC_BYTES alone: the formats with a magic number (null: look further). */
export function detectByMagic(head: Uint8Array, size: number): Detected | null {
  if (size === 0) return { format: 'unknown', what: 'an empty file' };
  if (looksLikeGguf(head)) return { format: 'gguf' };
  if (looksLikeSafetensors(head)) return { format: 'safetensors' };
  if (looksLikeNpy(head)) return { format: 'npy' };
  if (looksLikeZip(head)) return { format: 'zip' };
  if (startsWith(head, SEVEN_ZIP)) return { format: '7z' };
  if (head[0] === 0x80 && head[1] !== undefined && head[1] <= 5) return { format: isLegacyTorch(head) ? 'pytorch-legacy' : 'pickle' };
  return null;
}

/** `head` is the first SNIFF_BYTES (or fewer) of a file of `size` bytes; `tail` its last 22 bytes. */
export function detectFormat(head: Uint8Array, size: number, tail: Uint8Array = new Uint8Array(0)): Detected {
  const byMagic = detectByMagic(head, size);
  if (byMagic) return byMagic;
  if (isEocd(tail)) return { format: 'zip' }; // a zip with bytes prepended (a self-extractor stub)
  // HDF5's superblock may sit at 0, 512, 1024… (a user block before it).
  for (let at = 0; at + 8 <= head.length && at <= 1 << 16; at = at === 0 ? 512 : at * 2) if (startsWith(head.subarray(at), HDF5)) return { format: 'hdf5' };
  if (looksLikeOnnx(head)) return { format: 'onnx' };
  if (looksLikeProtocol0Pickle(head, size)) return { format: 'pickle' };
  return { format: 'unknown', ...(magicName(head) ? { what: magicName(head)! } : {}) };
}

/**
 * Protocols 0 and 1 have no header. The first pickle is tried: it counts if it reaches STOP, if it
 * imports anything before failing, or if its very first opcode is an import whose argument is
 * broken (picklescan's not_a_pickle.bin: "cmod\n\xf8\n", a GLOBAL with a non-UTF-8 name).
 */
function looksLikeProtocol0Pickle(head: Uint8Array, size: number): boolean {
  const p = parsePickle(head, 0);
  if (!p.error) return true;
  // An import counts when it names a Python module and attribute: random bytes produce GLOBALs with
  // garbage names, and EXT codes (protocol-2 opcodes, which a pickler never writes without PROTO)
  // about one file in fifty — a random ".bin" export must not become a "dangerous pickle".
  if (p.globals.some((g) => g.module !== null && g.name !== null && IDENTIFIER.test(g.module) && IDENTIFIER.test(g.name))) return true;
  if (head.length < size && p.end >= head.length * 0.9) return true; // valid opcodes up to where the sample ends
  return p.opcodes === 1 && (head[0] === 0x63 || head[0] === 0x69) && p.end === 0 && IDENTIFIER.test(firstLine(head));
}

/** A dotted Python name (ASCII, as every module that matters is spelled). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** The operand line of a leading GLOBAL/INST: the bytes after the opcode up to the first newline. */
function firstLine(head: Uint8Array): string {
  const nl = head.indexOf(0x0a, 1);
  return nl < 0 || nl > 257 ? '' : String.fromCharCode(...head.subarray(1, nl));
}

function isEocd(tail: Uint8Array): boolean {
  return tail.length === 22 && tail[0] === 0x50 && tail[1] === 0x4b && tail[2] === 5 && tail[3] === 6;
}

function startsWith(b: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((m, i) => b[i] === m);
}

function magicName(head: Uint8Array): string | undefined {
  const known: [number[], string][] = [
    [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
    [[0xff, 0xd8, 0xff], 'a JPEG image'],
    [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
    [[0x1f, 0x8b], 'gzip data'],
    [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
    [[0x4d, 0x5a], 'a Windows executable'],
  ];
  return known.find(([m]) => startsWith(head, m))?.[1];
}
