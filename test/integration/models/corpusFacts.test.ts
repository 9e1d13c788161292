// SPDX-License-Identifier: UNLICENSED
// Key facts of the real safetensors, GGUF and ONNX files, with expected values that do not come from
// our parsers: the label file's facts (written from the files' own layouts), bytes decoded by hand
// from a hex dump, and op types counted by a byte pattern rather than by the protobuf reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inspectModelFile } from '../../../electron/services/ingest/models/inspectModelFile.js';
import { digestModelFile } from '../../../electron/services/ingest/models/digestModelFile.js';
import { corpusPath, modelLabels } from './corpusLabels.js';

const labels = modelLabels();

test('safetensors: header length, metadata and every tensor (dtype, shape, data_offsets) as labelled', async () => {
  const files = labels.filter((l) => l.format === 'safetensors');
  assert.equal(files.length, 10);
  for (const l of files) {
    const r = await inspectModelFile(corpusPath(l));
    const facts = l.facts as { size_bytes: number; header_length: number; metadata: Record<string, string>; tensors: { name: string; dtype: string; shape: number[]; data_offsets: [number, number] }[] };
    assert.equal(r.size, facts.size_bytes, l.path);
    assert.equal(r.safetensors!.headerLength, facts.header_length, l.path);
    assert.deepEqual(r.safetensors!.metadata, facts.metadata, l.path);
    const dataOffset = 8 + facts.header_length;
    assert.deepEqual(
      r.tensors!.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape, data_offsets: [t.offset - dataOffset, t.offset - dataOffset + t.length] })),
      [...facts.tensors].sort((a, b) => a.data_offsets[0] - b.data_offsets[0]),
      l.path,
    );
  }
});

test('the single-tensor samples are the matching slices of overall.safetensors: same digests', async () => {
  const overall = await inspectModelFile(corpusPath(labels.find((l) => l.path.endsWith('overall.safetensors'))!));
  const all = await digestModelFile(corpusPath(labels.find((l) => l.path.endsWith('overall.safetensors'))!), overall.tensors!);
  for (const l of labels.filter((x) => x.format === 'safetensors' && !x.path.endsWith('overall.safetensors'))) {
    const one = await digestModelFile(corpusPath(l), (await inspectModelFile(corpusPath(l))).tensors!);
    const t = one.tensors[0]!;
    assert.equal(all.tensors.find((x) => x.name === t.name)!.sha256, t.sha256, l.path);
  }
});

test('GGUF: version, tensor and key/value counts, architecture and name as labelled', async () => {
  const files = labels.filter((l) => l.format === 'gguf');
  assert.equal(files.length, 3);
  for (const l of files) {
    const r = await inspectModelFile(corpusPath(l));
    const facts = l.facts as Record<string, unknown>;
    assert.equal(r.gguf!.version, facts.version, l.path);
    assert.equal(r.gguf!.tensorCount, facts.tensor_count, l.path);
    assert.equal(r.gguf!.metadataCount, facts.metadata_kv_count, l.path);
    assert.equal(Object.keys(r.gguf!.metadata).length, facts.metadata_kv_count, l.path);
    assert.equal(r.gguf!.metadata['general.architecture'], facts['general.architecture'], l.path);
    assert.equal(r.gguf!.metadata['general.name'], facts['general.name'], l.path);
    assert.deepEqual(r.tensors, [], l.path);
    // Header fields read straight from the bytes (little-endian u32 version, u64 counts at 8 and 16).
    const b = readFileSync(corpusPath(l));
    assert.equal(b.readUInt32LE(4), facts.version);
    assert.equal(Number(b.readBigUInt64LE(16)), facts.metadata_kv_count);
    // The vocabulary is there: its array count equals the vocab size the file states elsewhere.
    const tokens = r.gguf!.metadata['tokenizer.ggml.tokens'] as { count: number };
    const vocab = r.gguf!.metadata['llama.vocab_size'];
    if (vocab !== undefined) assert.equal(tokens.count, vocab);
    assert.ok(tokens.count > 30_000);
  }
});

/** Op types counted by byte pattern: NodeProto.op_type is field 4, so "0x22 <length> <name>". */
function opTypeCounts(bytes: Buffer, ops: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const op of ops) {
    const needle = Buffer.concat([Buffer.from([0x22, op.length]), Buffer.from(op)]);
    let n = 0;
    for (let i = bytes.indexOf(needle); i >= 0; i = bytes.indexOf(needle, i + 1)) n++;
    out[op] = n;
  }
  return out;
}

test('ONNX node tests: every field as decoded by hand from the hex dump', async () => {
  // test_add.onnx: 08 07 ir_version 7 | 12 0c "backend-test" | 3a 69 graph { node {input x, y; output sum; op "Add"},
  // name "test_add", input x, y and output sum: FLOAT [3,4,5] } | 42 04 opset_import { domain "", version 14 }
  const add = await inspectModelFile(corpusPath(labels.find((l) => l.path.endsWith('test_add.onnx'))!));
  assert.deepEqual(
    { ir: add.onnx!.irVersion, opset: add.onnx!.opsetImport, producer: add.onnx!.producerName, graph: add.onnx!.graphName, ops: add.onnx!.opTypes, inputs: add.onnx!.inputs, outputs: add.onnx!.outputs },
    {
      ir: 7, opset: [{ domain: '', version: 14 }], producer: 'backend-test', graph: 'test_add', ops: { Add: 1 },
      inputs: [{ name: 'x', elemType: 'FLOAT', shape: [3, 4, 5] }, { name: 'y', elemType: 'FLOAT', shape: [3, 4, 5] }],
      outputs: [{ name: 'sum', elemType: 'FLOAT', shape: [3, 4, 5] }],
    },
  );
  // test_conv_with_strides_padding.onnx: 08 0a ir 10 | Conv with kernel_shape, pads, strides | x [1,1,7,5], W [1,1,3,3] → y [1,1,4,3] | opset 22 (0x16)
  const conv = await inspectModelFile(corpusPath(labels.find((l) => l.path.endsWith('test_conv_with_strides_padding.onnx'))!));
  assert.equal(conv.onnx!.irVersion, 10);
  assert.deepEqual(conv.onnx!.opsetImport, [{ domain: '', version: 22 }]);
  assert.deepEqual(conv.onnx!.opTypes, { Conv: 1 });
  assert.deepEqual(conv.onnx!.inputs.map((i) => i.shape), [[1, 1, 7, 5], [1, 1, 3, 3]]);
  assert.deepEqual(conv.onnx!.outputs.map((o) => o.shape), [[1, 1, 4, 3]]);
  assert.equal(conv.tensors!.length, 0);
});

test('ONNX light models: ir 3 / opset 9 / onnx-caffe2 from the first bytes, op counts from a byte pattern', async () => {
  for (const [file, graph] of [['light_squeezenet.onnx', 'squeezenet_old'], ['light_resnet50.onnx', 'resnet50']] as const) {
    const l = labels.find((x) => x.path.endsWith(file))!;
    const bytes = readFileSync(corpusPath(l));
    // 08 03: ir_version 3; 12 0b "onnx-caffe2"; the file ends with 42 04 0a 00 10 09: opset_import {domain "", version 9}.
    assert.deepEqual([...bytes.subarray(0, 2)], [0x08, 0x03]);
    assert.equal(bytes.subarray(4, 15).toString(), 'onnx-caffe2');
    assert.deepEqual([...bytes.subarray(bytes.length - 6)], [0x42, 0x04, 0x0a, 0x00, 0x10, 0x09]);
    const r = await inspectModelFile(corpusPath(l));
    assert.equal(r.onnx!.irVersion, 3);
    assert.deepEqual(r.onnx!.opsetImport, [{ domain: '', version: 9 }]);
    assert.equal(r.onnx!.producerName, 'onnx-caffe2');
    assert.equal(r.onnx!.graphName, graph);
    assert.deepEqual(r.onnx!.opTypes, opTypeCounts(bytes, Object.keys(r.onnx!.opTypes)));
    assert.equal(r.onnx!.nodeCount, Object.values(r.onnx!.opTypes).reduce((a, b) => a + b, 0));
    // Weights replaced by ConstantOfShape nodes (SOURCES.md): one per "<weight>__SHAPE" INT64 initializer.
    const shapes = r.onnx!.initializers.filter((i) => i.name.endsWith('__SHAPE'));
    assert.ok(shapes.every((i) => i.dataType === 'INT64'));
    assert.equal(r.onnx!.opTypes.ConstantOfShape, shapes.length);
  }
  const squeeze = await inspectModelFile(corpusPath(labels.find((x) => x.path.endsWith('light_squeezenet.onnx'))!));
  // SqueezeNet 1.0: 26 convolutions, each followed by a ReLU; 8 fire modules concatenate their expands.
  assert.deepEqual([squeeze.onnx!.opTypes.Conv, squeeze.onnx!.opTypes.Relu, squeeze.onnx!.opTypes.Concat], [26, 26, 8]);
  const resnet = await inspectModelFile(corpusPath(labels.find((x) => x.path.endsWith('light_resnet50.onnx'))!));
  // ResNet-50: 1 + 16×3 + 4 projection convolutions = 53, each with a batch norm; 16 residual sums.
  assert.deepEqual([resnet.onnx!.opTypes.Conv, resnet.onnx!.opTypes.BatchNormalization, resnet.onnx!.opTypes.Sum], [53, 53, 16]);
});
