// SPDX-License-Identifier: UNLICENSED
// What a PyTorch pickle says about its storages, read through the scanner's hooks without running it:
// persistent ids ('storage', <torch.XStorage>, key, location, numel) name each storage's dtype and
// size, and a state_dict entry "name" → _rebuild_tensor_v2((storage…), offset, size, stride, …)
// ties a tensor name to its storage. torch/serialization.py writes the ids (both formats) and
// torch/_utils.py the rebuild calls.
import { stringValue, type PickleHooks, type PValue } from './pickle/parse.js';

const STORAGE_DTYPES: Readonly<Record<string, [string, number]>> = {
  DoubleStorage: ['F64', 8], FloatStorage: ['F32', 4], HalfStorage: ['F16', 2], BFloat16Storage: ['BF16', 2], LongStorage: ['I64', 8],
  IntStorage: ['I32', 4], ShortStorage: ['I16', 2], CharStorage: ['I8', 1], ByteStorage: ['U8', 1], BoolStorage: ['BOOL', 1],
  ComplexFloatStorage: ['C64', 8], ComplexDoubleStorage: ['C128', 16], QUInt8Storage: ['QU8', 1], QInt8Storage: ['QI8', 1],
  QInt32Storage: ['QI32', 4], QUInt4x2Storage: ['QU4x2', 1], QUInt2x4Storage: ['QU2x4', 1], UntypedStorage: ['U8', 1],
};

export interface StorageRef {
  key: string;
  dtype: string;
  elementSize: number;
  numel: number;
  location: string;
}

/** A named tensor as the state_dict describes it: a view into a storage. */
export interface TensorView {
  name: string;
  storage: string;
  dtype: string;
  storageOffset: number;
  shape: number[];
  stride: number[];
}

export class TorchPickleReader {
  readonly storages = new Map<string, StorageRef>();
  readonly tensors: TensorView[] = [];
  private readonly maxTensors = 1_000_000;

  readonly hooks: PickleHooks = {
    onPersistentId: (pid) => {
      const s = storageOf(pid);
      if (s && !this.storages.has(s.key) && this.storages.size < this.maxTensors) this.storages.set(s.key, s);
    },
    onSetItem: (key, value) => {
      const name = stringValue(key);
      if (name === null || this.tensors.length >= this.maxTensors) return;
      const t = tensorOf(value);
      if (t) this.tensors.push({ name, ...t });
    },
  };
}

function items(v: PValue | undefined): PValue[] | null {
  return v?.k === 'tuple' ? v.items : null;
}

function int(v: PValue | undefined): number | null {
  return v?.k === 'int' && typeof v.v === 'number' ? v.v : null;
}

function storageOf(pid: PValue): StorageRef | null {
  const t = items(pid);
  if (!t || t.length < 5 || stringValue(t[0]) !== 'storage') return null;
  const type = t[1];
  const typeName = type?.k === 'global' && type.ref.module === 'torch' ? type.ref.name : null;
  const key = stringValue(t[2]);
  const numel = int(t[4]);
  if (typeName === null || key === null || numel === null) return null;
  const [dtype, elementSize] = STORAGE_DTYPES[typeName] ?? [typeName, 1];
  return { key, dtype, elementSize, numel, location: stringValue(t[3]) ?? '' };
}

/** _rebuild_tensor_v2(storage, storage_offset, size, stride, …), possibly wrapped in _rebuild_parameter. */
function tensorOf(v: PValue): Omit<TensorView, 'name'> | null {
  if (v.k !== 'call' || v.fn.k !== 'global' || v.fn.ref.module !== 'torch._utils') return null;
  const args = items(v.args ?? undefined);
  if (!args) return null;
  if (v.fn.ref.name === '_rebuild_parameter' || v.fn.ref.name === '_rebuild_parameter_with_state') return args[0] ? tensorOf(args[0]) : null;
  if (!/^_rebuild_tensor(_v2|_v3)?$/.test(v.fn.ref.name ?? '')) return null;
  const pid = args[0]?.k === 'persid' ? args[0].pid : undefined;
  const storage = pid ? storageOf(pid) : null;
  const offset = int(args[1]);
  const shape = items(args[2])?.map(int);
  const stride = items(args[3])?.map(int);
  if (!storage || offset === null || !shape || !stride || shape.includes(null) || stride.includes(null)) return null;
  return { storage: storage.key, dtype: storage.dtype, storageOffset: offset, shape: shape as number[], stride: stride as number[] };
}

/** torch.save's legacy magic number 0x1950a86a20f9469cfc6c as a LONG1 pickle, after an optional PROTO. */
const LEGACY_MAGIC = [0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

export function isLegacyTorch(head: Uint8Array): boolean {
  const at = head[0] === 0x80 ? 2 : 0;
  return LEGACY_MAGIC.every((b, i) => head[at + i] === b);
}
