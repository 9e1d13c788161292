// SPDX-License-Identifier: UNLICENSED
// inspectModel: detect the format by content, run its inspector, and return one ModelInspection.
// Hostile or broken files never throw: a ModelFormatError becomes verdict 'invalid' with the reason.
// Only the ranges a format's header needs are read; tensor data is never touched.
import { errorMessage, ModelFormatError } from './errors.js';
import { EvaultError } from '../errors.js';
import { bytesSource, type ByteSource } from './byteSource.js';
import { detectByMagic, detectFormat, MAGIC_BYTES, SNIFF_BYTES, type Detected } from './detect.js';
import { inspectGguf } from './gguf.js';
import { inspectNpy } from './npy.js';
import { inspectOnnx } from './onnx.js';
import { scanPickles } from './pickle/scan.js';
import { rulesHash, SCANNER_NAME, SCANNER_VERSION } from './pickle/rules.js';
import { DEFAULT_MAX_PICKLE_BYTES, inspectPickleFile } from './pickleFile.js';
import { inspectSafetensors } from './safetensors.js';
import { inspectZipArchive } from './archive.js';
import { INSPECTOR_VERSION, type ModelFormat, type ModelInspection } from './types.js';
import type { InflateRaw } from './zip.js';
import type { PickleVerdict } from './pickle/scan.js';

export interface InspectOptions {
  /** Raw DEFLATE for zip entries (Node: zlib.inflateRawSync with maxOutputLength). */
  inflateRaw?: InflateRaw;
  /** Largest zip entry read into memory to scan. */
  maxEntryBytes?: number;
  /** Most bytes inflated from one archive, all entries together (default 4 × maxEntryBytes). */
  maxTotalInflated?: number;
  /** Largest pickle stream read into memory to scan. */
  maxPickleBytes?: number;
}

const CARRIES_PICKLES: ReadonlySet<ModelFormat> = new Set(['pickle', 'pytorch-legacy', 'pytorch-zip', 'npz', 'zip', 'keras', '7z', 'npy']);

export async function inspectModel(src: ByteSource, options: InspectOptions = {}): Promise<ModelInspection> {
  // Magic numbers first (16 bytes), so a safetensors or GGUF inspection reads nothing past its header.
  const detected = detectByMagic(await src.read(0, MAGIC_BYTES), src.size) ?? (await sniff(src));
  const out: ModelInspection = { format: detected.format, inspector: INSPECTOR_VERSION, size: src.size, notes: [] };
  try {
    await inspectAs(src, out, options, detected.what);
  } catch (err) {
    if (err instanceof EvaultError && !(err instanceof ModelFormatError)) throw err; // an I/O failure, not a property of the file
    const reason = err instanceof ModelFormatError ? err.reason : 'MALFORMED';
    if (!(err instanceof ModelFormatError)) out.notes.push(`internal error while parsing: ${errorMessage(err)}`);
    out.error = { reason, message: errorMessage(err) };
    if (out.verdict !== 'dangerous' && out.verdict !== 'suspicious') {
      out.verdict = 'invalid';
      out.reason = errorMessage(err);
    }
  }
  if (CARRIES_PICKLES.has(out.format) && out.verdict !== undefined) out.scanner = { name: SCANNER_NAME, version: SCANNER_VERSION, rulesHash: rulesHash() };
  return out;
}

async function inspectAs(src: ByteSource, out: ModelInspection, options: InspectOptions, what: string | undefined): Promise<void> {
  const maxEntryBytes = options.maxEntryBytes ?? 256 * 1024 * 1024;
  switch (out.format) {
    case 'safetensors': {
      const r = await inspectSafetensors(src);
      Object.assign(out, { safetensors: r.view, tensors: r.tensors, verdict: 'safe' });
      return;
    }
    case 'gguf': {
      const r = await inspectGguf(src);
      Object.assign(out, { gguf: r.view, tensors: r.tensors, verdict: r.suspicious ? 'suspicious' : 'safe', ...(r.suspicious ? { reason: r.suspicious } : {}) });
      out.notes.push(...r.notes);
      return;
    }
    case 'onnx': {
      const r = await inspectOnnx(src);
      Object.assign(out, { onnx: r.view, tensors: r.tensors, verdict: r.suspicious ? 'suspicious' : 'safe', ...(r.suspicious ? { reason: r.suspicious } : {}) });
      out.notes.push(...r.notes);
      return;
    }
    case 'npy': {
      const r = await inspectNpy(src);
      out.npy = r.view;
      out.tensors = r.tensors;
      out.notes.push(...r.notes);
      if (!r.view.objectDtype) {
        out.verdict = 'safe';
        return;
      }
      const max = options.maxPickleBytes ?? DEFAULT_MAX_PICKLE_BYTES;
      if (r.view.dataLength > max) throw new ModelFormatError('LIMIT', `an object-array pickle of ${r.view.dataLength} bytes is above the ${max}-byte scan limit`);
      applyVerdict(out, scanPickles(await src.read(r.view.dataOffset, r.view.dataLength)));
      return;
    }
    case 'pickle':
    case 'pytorch-legacy': {
      const r = await inspectPickleFile(src, options.maxPickleBytes);
      out.format = r.legacyTorch ? 'pytorch-legacy' : 'pickle';
      out.pickle = r.view;
      if (r.tensors.length > 0) out.tensors = r.tensors;
      out.notes.push(...r.notes);
      applyVerdict(out, r.scan);
      return;
    }
    case 'zip': {
      const r = await inspectZipArchive(src, { inflateRaw: options.inflateRaw, maxEntryBytes, ...(options.maxTotalInflated ? { maxTotalInflated: options.maxTotalInflated } : {}) });
      out.format = r.format;
      out.archive = r.view;
      if (r.keras) out.keras = r.keras;
      if (r.tensors.length > 0) out.tensors = r.tensors;
      out.notes.push(...r.notes);
      applyVerdict(out, r.verdict);
      return;
    }
    case '7z':
      // We do not read 7z; picklescan does, and a 7z next to a model may well hold one.
      out.verdict = 'suspicious';
      out.reason = 'not inspected: 7z archive (it may hold pickles; open it in a sandbox to review)';
      out.notes.push('not inspected: 7z');
      return;
    case 'hdf5':
      out.notes.push('not inspected: HDF5 (Keras .h5 models can carry Lambda layers; review them separately)');
      return;
    default:
      out.notes.push(`not inspected: unknown format${what ? ` (${what})` : ''}`);
  }
}

function applyVerdict(out: ModelInspection, v: PickleVerdict): void {
  out.verdict = v.verdict;
  out.globals = v.globals;
  out.dangerous = v.dangerous;
  out.suspicious = v.suspicious;
  if (v.reason) out.reason = v.reason;
}

async function sniff(src: ByteSource): Promise<Detected> {
  const head = await src.read(0, Math.min(src.size, SNIFF_BYTES));
  const tail = src.size >= 22 ? await src.read(src.size - 22, 22) : new Uint8Array(0);
  return detectFormat(head, src.size, tail);
}

/** Inspects bytes already in memory (tests, the renderer). */
export function inspectModelBytes(bytes: Uint8Array, options: InspectOptions = {}): Promise<ModelInspection> {
  return inspectModel(bytesSource(bytes), options);
}
