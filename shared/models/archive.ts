// SPDX-License-Identifier: UNLICENSED
// Zip-based model formats: PyTorch checkpoints (<prefix>/data.pkl + <prefix>/data/<key> storages),
// NumPy .npz (a zip of .npy), Keras v3 .keras (config.json + weights), or any other zip. Entries are
// judged by CONTENT, not name: every entry that starts like a pickle or is named like one is scanned
// (picklescan's rule), so is any small entry that parses as a pickle importing something (a pickle
// renamed data.txt); .npy members are read and object arrays scanned. Storages are raw tensor bytes
// PyTorch never unpickles: they are listed as tensors (digestable in place when stored), not scanned.
import { bytesSource, subSource, type ByteSource } from './byteSource.js';
import { ModelFormatError, errorMessage, overLimit } from './errors.js';
import { inspectKerasConfig } from './keras.js';
import { inspectNpy, looksLikeNpy } from './npy.js';
import { judge, mergeVerdicts, scanPickles, type PickleVerdict } from './pickle/scan.js';
import { TorchPickleReader, type TensorView } from './pytorch.js';
import type { KerasView } from './keras.js';
import type { ModelFormat, TensorInfo } from './types.js';
import { readZipDirectory, readZipEntry, type InflateRaw, type ZipEntry } from './zip.js';

export interface ArchiveEntryView {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** What the entry was read as. */
  kind: 'pickle' | 'npy' | 'storage' | 'config' | 'data' | 'directory' | 'not inspected';
  verdict?: PickleVerdict['verdict'];
  problems?: string[];
}

export interface ArchiveView {
  entryCount: number;
  zip64: boolean;
  entries: ArchiveEntryView[];
  problems: string[];
  /** PyTorch: the storages' persistent ids and the state_dict tensors viewing them. */
  storageCount?: number;
  tensorViews?: TensorView[];
}

export interface ArchiveOptions {
  inflateRaw?: InflateRaw;
  /** Largest entry read into memory to scan (a pickle, a config). */
  maxEntryBytes: number;
  /** Most bytes inflated for one archive, all entries together (default 4 × maxEntryBytes). */
  maxTotalInflated?: number;
}

export interface ArchiveResult {
  format: ModelFormat;
  view: ArchiveView;
  verdict: PickleVerdict;
  tensors: TensorInfo[];
  keras?: KerasView;
  notes: string[];
}

const PICKLE_NAME = /\.(pkl|pickle|joblib|dat|data)$/i;
const TRIAL_PARSE_MAX = 1 << 20;
const MAX_ENTRIES_LISTED = 10_000;

export async function inspectZipArchive(src: ByteSource, options: ArchiveOptions): Promise<ArchiveResult> {
  const dir = await readZipDirectory(src);
  const names = new Set(dir.entries.map((e) => e.name));
  const torchPrefix = [...names].map((n) => /^(.*\/)?data\.pkl$/.exec(n)?.[1]).find((p) => p !== undefined && [...names].some((n) => n.startsWith(`${p}data/`)));
  const isKeras = names.has('config.json') && (names.has('model.weights.h5') || names.has('metadata.json'));
  const files = dir.entries.filter((e) => !e.name.endsWith('/'));
  const isNpz = files.length > 0 && files.every((e) => e.name.endsWith('.npy'));
  const format: ModelFormat = torchPrefix !== undefined ? 'pytorch-zip' : isKeras ? 'keras' : isNpz ? 'npz' : 'zip';
  const torch = new TorchPickleReader();
  const verdicts: { label: string; verdict: PickleVerdict }[] = [];
  const tensors: TensorInfo[] = [];
  const notes: string[] = [];
  const entries: ArchiveEntryView[] = [];
  let keras: KerasView | undefined;
  const budget = options.maxTotalInflated ?? 4 * options.maxEntryBytes;
  let inflated = 0;
  const read = (e: ZipEntry): Promise<Uint8Array> => {
    // Every entry within limits, but together a bomb: the whole archive has one inflation budget.
    if (e.method !== 0 && (inflated += e.uncompressedSize) > budget) throw new ModelFormatError('ZIP_BOMB', `the archive's compressed entries expand to more than ${budget} bytes in total (a zip bomb?)`);
    return readZipEntry(src, e, { inflateRaw: options.inflateRaw, maxBytes: options.maxEntryBytes });
  };

  for (const e of dir.entries) {
    const view: ArchiveEntryView = { name: e.name, method: e.method, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize, kind: 'data' };
    if (e.localName !== undefined || e.problems.length > 0) view.problems = e.problems;
    entries.push(view);
    if (e.name.endsWith('/')) {
      view.kind = 'directory';
      continue;
    }
    const storage = torchPrefix !== undefined && e.name.startsWith(`${torchPrefix}data/`);
    try {
      if (storage) {
        view.kind = 'storage';
        if (e.method === 0 && e.dataOffset >= 0) tensors.push({ name: e.name.slice(torchPrefix!.length), dtype: 'bytes', shape: [e.compressedSize], offset: e.dataOffset, length: e.compressedSize });
        else notes.push(`${e.name}: compressed storage, no per-tensor digest`);
        continue;
      }
      const first = await entryHead(src, e, read);
      if (first === null) {
        if (PICKLE_NAME.test(e.name)) throw new ModelFormatError('LIMIT', `${e.name}: a pickle too large to scan (over ${options.maxEntryBytes} bytes)`);
        view.kind = 'not inspected';
        notes.push(`${e.name}: not inspected (compressed and larger than ${options.maxEntryBytes} bytes)`);
        continue;
      }
      const { head } = first;
      // A deflated entry was inflated once to see its head; reuse those bytes.
      const body = (): Promise<Uint8Array> => (first.body ? Promise.resolve(first.body) : read(e));
      const pickleStart = head[0] === 0x80 && head[1] !== undefined && head[1] <= 5;
      if (pickleStart || PICKLE_NAME.test(e.name) || PICKLE_NAME.test(e.localName ?? '')) {
        view.kind = 'pickle';
        const scan = scanPickles(await body(), { hooks: torch.hooks });
        if (e.encrypted && !pickleStart && scan.globals.length === 0) {
          view.kind = 'not inspected';
          notes.push(`${e.name}: encrypted; not inspectable (no model loader decrypts zip entries)`);
          continue;
        }
        view.verdict = scan.verdict;
        verdicts.push({ label: e.name, verdict: scan });
      } else if (looksLikeNpy(head) || e.name.endsWith('.npy')) {
        view.kind = 'npy';
        await inspectMemberNpy(src, e, body, options.maxEntryBytes, view, verdicts, tensors, notes);
      } else if (isKeras && (e.name === 'config.json' || e.name === 'metadata.json')) {
        view.kind = 'config';
        if (e.name === 'config.json') {
          const meta = dir.entries.find((m) => m.name === 'metadata.json');
          const k = inspectKerasConfig(text(await body()), meta ? text(await read(meta)) : undefined);
          keras = k.view;
          const v = judge(k.found);
          view.verdict = v.verdict;
          verdicts.push({ label: e.name, verdict: v });
          notes.push(...k.notes);
        }
      } else if (e.encrypted) {
        view.kind = 'not inspected';
        notes.push(`${e.name}: encrypted; not inspectable (no model loader decrypts zip entries)`);
      } else if (e.uncompressedSize <= TRIAL_PARSE_MAX) {
        // A protocol 0/1 pickle has no header: try it, and count it only if it imports something.
        const scan = scanPickles(await body());
        if (scan.globals.length > 0) {
          view.kind = 'pickle';
          view.verdict = scan.verdict;
          verdicts.push({ label: e.name, verdict: scan });
        }
      }
    } catch (err) {
      if (!(err instanceof ModelFormatError)) throw err;
      view.problems = [...(view.problems ?? []), errorMessage(err)];
      // An entry that is (or is named like) code we could not read, or a zip bomb, makes the archive invalid.
      if (view.kind === 'pickle' || view.kind === 'npy' || view.kind === 'config' || err.reason === 'ZIP_BOMB' || PICKLE_NAME.test(e.name)) {
        view.verdict = 'invalid';
        verdicts.push({ label: e.name, verdict: { verdict: 'invalid', globals: [], dangerous: [], suspicious: [], reason: errorMessage(err) } });
      }
    }
  }
  if (torchPrefix !== undefined) {
    for (const t of tensors) {
      const s = torch.storages.get(t.name.replace(/^data\//, ''));
      if (s) {
        t.dtype = s.dtype;
        t.shape = [s.numel];
        if (s.numel * s.elementSize !== t.length) notes.push(`${t.name}: ${t.length} bytes, its persistent id says ${s.numel} × ${s.elementSize}`);
      }
    }
    if (names.has(`${torchPrefix}code/`) || [...names].some((n) => n.startsWith(`${torchPrefix}code/`))) {
      notes.push('TorchScript archive: code/ holds TorchScript that torch.jit.load compiles and runs');
      verdicts.push({ label: `${torchPrefix}code/`, verdict: judge([{ name: 'torch.jit (TorchScript code)', safety: 'suspicious' }]) });
    }
  }
  const verdict = verdicts.length > 0 ? mergeVerdicts(verdicts) : judge([]);
  if (verdicts.length === 0) notes.push('no pickles in the archive');
  const view: ArchiveView = {
    entryCount: dir.entries.length,
    zip64: dir.zip64,
    entries: entries.slice(0, MAX_ENTRIES_LISTED),
    problems: dir.problems,
    ...(torch.storages.size > 0 ? { storageCount: torch.storages.size, tensorViews: torch.tensors.slice(0, 100_000) } : {}),
  };
  return { format, view, verdict, tensors, ...(keras ? { keras } : {}), notes };
}

/** The first 16 bytes of an entry, read in place when stored; a deflated entry is inflated whole (within limits) and kept. Null if too large to inflate. */
async function entryHead(src: ByteSource, e: ZipEntry, read: (e: ZipEntry) => Promise<Uint8Array>): Promise<{ head: Uint8Array; body?: Uint8Array } | null> {
  if (e.method === 0) return { head: e.dataOffset >= 0 ? await src.read(e.dataOffset, Math.min(16, e.compressedSize)) : new Uint8Array(0) };
  try {
    const body = await read(e);
    return { head: body.subarray(0, 16), body };
  } catch (err) {
    if (err instanceof ModelFormatError && err.reason === 'LIMIT') return null;
    if (e.encrypted && err instanceof ModelFormatError && err.reason === 'MALFORMED') return { head: new Uint8Array(0) };
    throw err;
  }
}

async function inspectMemberNpy(src: ByteSource, e: ZipEntry, body: () => Promise<Uint8Array>, maxBytes: number, view: ArchiveEntryView, verdicts: { label: string; verdict: PickleVerdict }[], tensors: TensorInfo[], notes: string[]): Promise<void> {
  const stored = e.method === 0 && e.dataOffset >= 0;
  const member = stored ? subSource(src, e.dataOffset, e.compressedSize) : bytesSource(await body());
  const npy = await inspectNpy(member, e.name.replace(/\.npy$/, ''));
  if (npy.view.objectDtype) {
    if (npy.view.dataLength > maxBytes) throw overLimit(`${e.name}: an object array pickle of ${npy.view.dataLength} bytes is above the ${maxBytes}-byte scan limit`);
    const data = await member.read(npy.view.dataOffset, npy.view.dataLength);
    const scan = scanPickles(data);
    view.verdict = scan.verdict;
    verdicts.push({ label: e.name, verdict: scan });
  } else if (stored) {
    for (const t of npy.tensors) tensors.push({ ...t, offset: t.offset + e.dataOffset });
  } else notes.push(`${e.name}: compressed member, no per-tensor digest`);
}

function text(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
