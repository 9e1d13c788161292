// SPDX-License-Identifier: UNLICENSED
// ONNX models (onnx/onnx.proto, IR version 3–11): ModelProto's ir_version, opset imports, producer,
// graph name, inputs and outputs with shapes, nodes counted by op type, and initializers with their
// names, dims, data type and where their bytes are: raw_data and packed typed fields become tensors
// (digestable in place), external_data references are listed and a location that leaves the model's
// folder is flagged (an absolute path or "..": reading arbitrary files on load).
import { Cursor, type ByteSource } from './byteSource.js';
import { malformed } from './errors.js';
import { int64, ProtoReader, WIRE_LEN, WIRE_VARINT, type ProtoField } from './protobuf.js';
import type { TensorInfo } from './types.js';

/** TensorProto.DataType: name and bytes per element (0 where not fixed). */
const DATA_TYPES: Readonly<Record<number, readonly [string, number]>> = {
  1: ['FLOAT', 4], 2: ['UINT8', 1], 3: ['INT8', 1], 4: ['UINT16', 2], 5: ['INT16', 2], 6: ['INT32', 4], 7: ['INT64', 8], 8: ['STRING', 0],
  9: ['BOOL', 1], 10: ['FLOAT16', 2], 11: ['DOUBLE', 8], 12: ['UINT32', 4], 13: ['UINT64', 8], 14: ['COMPLEX64', 8], 15: ['COMPLEX128', 16],
  16: ['BFLOAT16', 2], 17: ['FLOAT8E4M3FN', 1], 18: ['FLOAT8E4M3FNUZ', 1], 19: ['FLOAT8E5M2', 1], 20: ['FLOAT8E5M2FNUZ', 1], 21: ['UINT4', 0],
  22: ['INT4', 0], 23: ['FLOAT4E2M1', 0], 24: ['FLOAT8E8M0', 1], 25: ['UINT2', 0], 26: ['INT2', 0],
};

export interface OnnxValueInfo {
  name: string;
  elemType?: string;
  /** Dimensions: a number, a symbolic name, or null when unknown. */
  shape?: (number | string | null)[];
}

export interface OnnxInitializer {
  name: string;
  dims: number[];
  dataType: string;
  /** Where the bytes are: 'raw' (raw_data), a typed field, 'external' or 'none'. */
  storage: string;
  external?: Record<string, string>;
}

export interface OnnxView {
  irVersion: number | null;
  opsetImport: { domain: string; version: number }[];
  producerName: string | null;
  producerVersion: string | null;
  domain: string | null;
  modelVersion: number | null;
  graphName: string | null;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  nodeCount: number;
  opTypes: Record<string, number>;
  /** Nodes inside subgraphs (If/Loop/Scan bodies), not counted in nodeCount. */
  subgraphNodeCount: number;
  initializers: OnnxInitializer[];
  metadata: Record<string, string>;
  functionCount: number;
}

export interface OnnxResult {
  view: OnnxView;
  tensors: TensorInfo[];
  notes: string[];
  suspicious?: string;
}

const MODEL_FIELDS: Readonly<Record<number, number>> = { 1: WIRE_VARINT, 2: WIRE_LEN, 3: WIRE_LEN, 4: WIRE_LEN, 5: WIRE_VARINT, 6: WIRE_LEN, 7: WIRE_LEN, 8: WIRE_LEN, 14: WIRE_LEN, 20: WIRE_LEN, 25: WIRE_LEN, 26: WIRE_LEN };

/**
 * ONNX has no magic number. Every serializer writes fields in number order, so a model starts with
 * ir_version (field 1, a varint: byte 0x08); the fields after it must be ModelProto fields too.
 */
export function looksLikeOnnx(head: Uint8Array): boolean {
  if (head[0] !== 0x08) return false;
  let p = 1;
  const varint = (): number => {
    let v = 0;
    for (let shift = 0; p < head.length && shift < 63; shift += 7) {
      const b = head[p++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return v;
    }
    return -1;
  };
  if (varint() < 0) return false;
  for (let fields = 0; p < head.length; fields++) {
    const tag = varint();
    if (tag < 0 || MODEL_FIELDS[Math.floor(tag / 8)] !== tag % 8) return false;
    if (tag === 0x3a || fields >= 2) return true; // reached the graph, or enough plausible fields
    const n = varint();
    if (n < 0) return false;
    if (tag % 8 === WIRE_LEN) p += n;
  }
  return false;
}

export async function inspectOnnx(src: ByteSource): Promise<OnnxResult> {
  const r = new ProtoReader(new Cursor(src));
  const view: OnnxView = {
    irVersion: null, opsetImport: [], producerName: null, producerVersion: null, domain: null, modelVersion: null, graphName: null,
    inputs: [], outputs: [], nodeCount: 0, opTypes: {}, subgraphNodeCount: 0, initializers: [], metadata: {}, functionCount: 0,
  };
  const tensors: TensorInfo[] = [];
  const notes: string[] = [];
  const escapes: string[] = [];
  let graphs = 0;
  for await (const f of r.fields(src.size)) {
    switch (f.field) {
      case 1: view.irVersion = int64(f.value, 'ir_version'); break;
      case 2: view.producerName = await r.string(f); break;
      case 3: view.producerVersion = await r.string(f); break;
      case 4: view.domain = await r.string(f); break;
      case 5: view.modelVersion = int64(f.value, 'model_version'); break;
      case 7:
        graphs++;
        await readGraph(r, f, view, tensors, escapes, 0);
        break;
      case 8: {
        const op = { domain: '', version: 0 };
        for await (const g of r.fields(f.start + f.length)) {
          if (g.field === 1) op.domain = (await r.string(g)) ?? '';
          else if (g.field === 2) op.version = int64(g.value, 'opset version');
        }
        view.opsetImport.push(op);
        break;
      }
      case 14: {
        const [k, v] = await stringPair(r, f);
        view.metadata[k] = v;
        break;
      }
      case 25: view.functionCount++; break;
    }
  }
  if (view.irVersion === null) throw malformed('not an ONNX model: no ir_version');
  if (graphs !== 1) throw malformed(`an ONNX model has one graph; this one has ${graphs}`);
  // onnx.checker: opset_import is required from IR version 3 on (protobuf itself has no required fields).
  if (view.irVersion >= 3 && view.opsetImport.length === 0) throw malformed(`no opset_import, which IR version ${view.irVersion} requires (a truncated file?)`);
  const suspicious = escapes.length > 0 ? `external data outside the model's folder: ${escapes.join(', ')}` : undefined;
  return { view, tensors, notes, ...(suspicious ? { suspicious } : {}) };
}

async function readGraph(r: ProtoReader, g: ProtoField, view: OnnxView, tensors: TensorInfo[], escapes: string[], depth: number): Promise<void> {
  for await (const f of r.fields(g.start + g.length)) {
    if (depth === 0) {
      if (f.field === 2) view.graphName = await r.string(f);
      else if (f.field === 11) view.inputs.push(await readValueInfo(r, f));
      else if (f.field === 12) view.outputs.push(await readValueInfo(r, f));
    }
    if (f.field === 1) {
      if (depth === 0) view.nodeCount++;
      else view.subgraphNodeCount++;
      await readNode(r, f, view, tensors, escapes, depth);
    } else if (f.field === 5) await readTensor(r, f, null, view, tensors, escapes);
  }
}

async function readNode(r: ProtoReader, n: ProtoField, view: OnnxView, tensors: TensorInfo[], escapes: string[], depth: number): Promise<void> {
  let opType = '';
  let output = '';
  const attributes: ProtoField[] = [];
  for await (const f of r.fields(n.start + n.length)) {
    if (f.field === 4) opType = (await r.string(f)) ?? '';
    else if (f.field === 2 && !output) output = (await r.string(f)) ?? '';
    else if (f.field === 5) attributes.push(f);
  }
  if (depth === 0) view.opTypes[opType] = (view.opTypes[opType] ?? 0) + 1;
  // AttributeProto: t (5) and tensors (10) hold constants; g (6) and graphs (11) hold subgraphs.
  for (const a of attributes) {
    r.c.pos = a.start;
    for await (const f of r.fields(a.start + a.length)) {
      if ((f.field === 5 || f.field === 10) && f.wire === WIRE_LEN) await readTensor(r, f, `${output || opType}.${f.field === 5 ? 'value' : 'tensors'}`, view, tensors, escapes);
      else if ((f.field === 6 || f.field === 11) && f.wire === WIRE_LEN) await readGraph(r, f, view, tensors, escapes, depth + 1);
    }
  }
  r.c.pos = n.start + n.length;
}

const TYPED_FIELDS: Readonly<Record<number, string>> = { 4: 'float_data', 5: 'int32_data', 6: 'string_data', 7: 'int64_data', 10: 'double_data', 11: 'uint64_data' };

/** TensorProto: an initializer (fallbackName null) or a Constant's value. */
async function readTensor(r: ProtoReader, t: ProtoField, fallbackName: string | null, view: OnnxView, tensors: TensorInfo[], escapes: string[]): Promise<void> {
  let name = '';
  const dims: number[] = [];
  let dataType = 0;
  let storage = 'none';
  let bytes: { offset: number; length: number } | null = null;
  let external: Record<string, string> | undefined;
  let unpacked = 0;
  for await (const f of r.fields(t.start + t.length)) {
    if (f.field === 1) for (const d of await r.varints(f)) dims.push(int64(d, 'dim'));
    else if (f.field === 2) dataType = int64(f.value, 'data_type');
    else if (f.field === 8) name = (await r.string(f)) ?? '';
    else if (f.field === 9 && f.wire === WIRE_LEN) {
      storage = 'raw';
      bytes = { offset: f.start, length: f.length };
    } else if (TYPED_FIELDS[f.field]) {
      storage = TYPED_FIELDS[f.field]!;
      if (f.wire === WIRE_LEN && f.field !== 6 && !bytes) bytes = { offset: f.start, length: f.length };
      else unpacked++;
    } else if (f.field === 13) {
      const [k, v] = await stringPair(r, f);
      (external ??= {})[k] = v;
    } else if (f.field === 14 && f.value === 1n) storage = 'external';
  }
  if (external) {
    storage = 'external';
    const loc = external.location ?? '';
    if (/^([\\/]|[A-Za-z]:)/.test(loc) || loc.split(/[\\/]/).includes('..')) escapes.push(JSON.stringify(loc));
  }
  const [typeName, elemSize] = DATA_TYPES[dataType] ?? [`type${dataType}`, 0];
  const tensorName = fallbackName === null ? name : name || fallbackName;
  if (fallbackName === null) view.initializers.push({ name, dims, dataType: typeName, storage, ...(external ? { external } : {}) });
  if (bytes && unpacked === 0) {
    if (storage === 'raw' && elemSize > 0 && bytes.length !== dims.reduce((n, d) => n * d, 1) * elemSize) throw malformed(`tensor ${JSON.stringify(tensorName)}: raw_data has ${bytes.length} bytes, dims [${dims.join(', ')}] of ${typeName} need ${dims.reduce((n, d) => n * d, 1) * elemSize}`);
    tensors.push({ name: tensorName, dtype: storage === 'raw' ? typeName : `${typeName}:${storage}`, shape: dims, offset: bytes.offset, length: bytes.length });
  }
}

async function readValueInfo(r: ProtoReader, v: ProtoField): Promise<OnnxValueInfo> {
  const out: OnnxValueInfo = { name: '' };
  for await (const f of r.fields(v.start + v.length)) {
    if (f.field === 1) out.name = (await r.string(f)) ?? '';
    else if (f.field === 2) {
      for await (const t of r.fields(f.start + f.length)) {
        if (t.field !== 1) continue; // tensor_type; sequences, maps and optionals are left undescribed
        for await (const x of r.fields(t.start + t.length)) {
          if (x.field === 1) out.elemType = DATA_TYPES[int64(x.value, 'elem_type')]?.[0] ?? `type${x.value}`;
          else if (x.field === 2) {
            out.shape = [];
            for await (const d of r.fields(x.start + x.length)) {
              if (d.field !== 1) continue;
              let dim: number | string | null = null;
              for await (const e of r.fields(d.start + d.length)) {
                if (e.field === 1) dim = int64(e.value, 'dim_value');
                else if (e.field === 2) dim = await r.string(e);
              }
              out.shape.push(dim);
            }
          }
        }
      }
    }
  }
  return out;
}

async function stringPair(r: ProtoReader, f: ProtoField): Promise<[string, string]> {
  let k = '';
  let v = '';
  for await (const g of r.fields(f.start + f.length)) {
    if (g.field === 1) k = (await r.string(g)) ?? '';
    else if (g.field === 2) v = (await r.string(g)) ?? '';
  }
  return [k, v];
}
