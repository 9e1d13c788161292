// SPDX-License-Identifier: UNLICENSED
// The protobuf reader and the ONNX view on hand-encoded ModelProtos (field numbers from onnx.proto).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesSource, Cursor } from '../../../../shared/models/byteSource.js';
import { ModelFormatError } from '../../../../shared/models/errors.js';
import { inspectModelBytes } from '../../../../shared/models/inspect.js';
import { inspectOnnx } from '../../../../shared/models/onnx.js';
import { ProtoReader } from '../../../../shared/models/protobuf.js';
import { concat, pbBytes, pbVarint, varint } from './build.js';

// TensorProto: dims (1), data_type (2), name (8), raw_data (9), external_data (13: key 1, value 2), data_location (14)
const tensor = (name: string, dims: number[], dataType: number, raw?: Uint8Array, external?: Record<string, string>): Uint8Array =>
  concat(
    ...dims.map((d) => pbVarint(1, d)),
    pbVarint(2, dataType),
    pbBytes(8, name),
    ...(raw ? [pbBytes(9, raw)] : []),
    ...Object.entries(external ?? {}).map(([k, v]) => pbBytes(13, concat(pbBytes(1, k), pbBytes(2, v)))),
    ...(external ? [pbVarint(14, 1)] : []),
  );
// ValueInfoProto: name (1), type (2) → TypeProto.tensor_type (1) → elem_type (1), shape (2) → dim (1) → dim_value (1) | dim_param (2)
const valueInfo = (name: string, elem: number, dims: (number | string)[]): Uint8Array =>
  concat(pbBytes(1, name), pbBytes(2, pbBytes(1, concat(pbVarint(1, elem), pbBytes(2, concat(...dims.map((d) => pbBytes(1, typeof d === 'number' ? pbVarint(1, d) : pbBytes(2, d)))))))));
// NodeProto: input (1), output (2), name (3), op_type (4)
const node = (op: string, inputs: string[], outputs: string[]): Uint8Array => concat(...inputs.map((i) => pbBytes(1, i)), ...outputs.map((o) => pbBytes(2, o)), pbBytes(4, op));

function model(graph: Uint8Array, extra: Uint8Array = new Uint8Array(0)): Uint8Array {
  // ModelProto: ir_version (1), producer_name (2), producer_version (3), graph (7), opset_import (8: domain 1, version 2), metadata_props (14)
  return concat(pbVarint(1, 9), pbBytes(2, 'evault-test'), pbBytes(3, '1.0'), pbBytes(7, graph), pbBytes(8, concat(pbBytes(1, ''), pbVarint(2, 17))), extra);
}

test('ModelProto: ir_version, opsets, producer, graph, inputs/outputs with shapes, op counts, initializers as tensors', async () => {
  const weights = new Uint8Array(24).map((_, i) => i);
  const graph = concat(
    pbBytes(1, node('MatMul', ['x', 'W'], ['h'])),
    pbBytes(1, node('Relu', ['h'], ['r'])),
    pbBytes(1, node('MatMul', ['r', 'W'], ['y'])),
    pbBytes(2, 'tiny'),
    pbBytes(5, tensor('W', [2, 3], 1, weights)),
    pbBytes(11, valueInfo('x', 1, ['batch', 2])),
    pbBytes(12, valueInfo('y', 1, ['batch', 3])),
  );
  const file = model(graph, pbBytes(14, concat(pbBytes(1, 'author'), pbBytes(2, 'me'))));
  const r = await inspectOnnx(bytesSource(file));
  assert.equal(r.view.irVersion, 9);
  assert.deepEqual(r.view.opsetImport, [{ domain: '', version: 17 }]);
  assert.equal(r.view.producerName, 'evault-test');
  assert.equal(r.view.graphName, 'tiny');
  assert.deepEqual(r.view.inputs, [{ name: 'x', elemType: 'FLOAT', shape: ['batch', 2] }]);
  assert.deepEqual(r.view.outputs, [{ name: 'y', elemType: 'FLOAT', shape: ['batch', 3] }]);
  assert.equal(r.view.nodeCount, 3);
  assert.deepEqual(r.view.opTypes, { MatMul: 2, Relu: 1 });
  assert.deepEqual(r.view.metadata, { author: 'me' });
  assert.deepEqual(r.view.initializers, [{ name: 'W', dims: [2, 3], dataType: 'FLOAT', storage: 'raw' }]);
  const offset = Buffer.from(file).indexOf(Buffer.from(weights));
  assert.deepEqual(r.tensors, [{ name: 'W', dtype: 'FLOAT', shape: [2, 3], offset, length: 24 }]);
  const inspection = await inspectModelBytes(file);
  assert.equal(inspection.format, 'onnx');
  assert.equal(inspection.verdict, 'safe');
});

test('external data is listed; a location outside the model folder is suspicious', async () => {
  const graph = concat(pbBytes(5, tensor('W', [4], 1, undefined, { location: 'weights.bin', offset: '0', length: '16' })), pbBytes(5, tensor('V', [4], 1, undefined, { location: '../../etc/passwd' })));
  const r = await inspectModelBytes(model(graph));
  assert.deepEqual(r.onnx!.initializers.map((i) => [i.name, i.storage, i.external?.location]), [['W', 'external', 'weights.bin'], ['V', 'external', '../../etc/passwd']]);
  assert.equal(r.verdict, 'suspicious');
  assert.match(r.reason!, /outside the model's folder: "\.\.\/\.\.\/etc\/passwd"/);
});

async function protoError(bytes: Uint8Array, message: RegExp): Promise<void> {
  const r = new ProtoReader(new Cursor(bytesSource(bytes)));
  await assert.rejects(
    (async () => {
      for await (const f of r.fields(bytes.length)) void f;
    })(),
    (err: unknown) => err instanceof ModelFormatError && message.test(err.message),
  );
}

test('bad varints, lengths past their message, groups and field 0 are clear errors', async () => {
  await protoError(Uint8Array.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), /bad varint at offset 1: longer than 10 bytes/);
  await protoError(Uint8Array.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02]), /bad varint at offset 1: more than 64 bits/);
  await protoError(Uint8Array.from([0x08, 0x80]), /varint at offset 1 runs past its message/);
  await protoError(Uint8Array.from([0x12, 0x05, 0x61]), /field 2 at offset 0 claims 5 bytes, past the end of its message/);
  await protoError(Uint8Array.from([0x0b, 0x0c]), /unsupported wire type 3/);
  await protoError(Uint8Array.from([0x00, 0x01]), /bad field number 0/);
  await protoError(Uint8Array.from([0x0d, 0x01, 0x02]), /field 1 at offset 0: the file ends too early/);
  // Nested 100 deep: refused at the depth limit, not by the call stack.
  let nested: Uint8Array = pbVarint(1, 1);
  for (let i = 0; i < 100; i++) nested = pbBytes(1, nested);
  const r = new ProtoReader(new Cursor(bytesSource(nested)));
  const walk = async (end: number): Promise<void> => {
    for await (const f of r.fields(end)) if (f.wire === 2) await walk(f.start + f.length);
  };
  await assert.rejects(walk(nested.length), /nested deeper than 64/);
});

test('broken ONNX files are invalid with the reason, never a crash', async () => {
  const good = model(pbBytes(1, node('Add', ['a', 'b'], ['c'])));
  const noGraph = concat(pbVarint(1, 7), pbBytes(2, 'x'), pbBytes(3, 'y'), pbBytes(4, 'z'));
  const r = await inspectModelBytes(noGraph);
  assert.equal(r.format, 'onnx');
  assert.equal(r.verdict, 'invalid');
  assert.match(r.reason!, /has one graph; this one has 0/);
  const badVarint = concat(Uint8Array.from([0x08, ...varint(9)]), pbBytes(2, 'p'), pbBytes(3, 'v'), Uint8Array.from([0x3a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
  const v = await inspectModelBytes(badVarint);
  assert.equal(v.verdict, 'invalid');
  assert.match(v.reason!, /bad varint/);
  for (let cut = 8; cut < good.length; cut += 5) {
    const t = await inspectModelBytes(good.subarray(0, cut));
    if (t.format === 'onnx') assert.equal(t.verdict, 'invalid', `cut at ${cut}`);
  }
  const wrongRaw = model(pbBytes(5, tensor('W', [2, 3], 1, new Uint8Array(5))));
  assert.match((await inspectModelBytes(wrongRaw)).reason!, /raw_data has 5 bytes, dims \[2, 3\] of FLOAT need 24/);
});
