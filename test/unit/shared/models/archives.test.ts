// SPDX-License-Identifier: UNLICENSED
// Formats built on pickles and zips, by content: .npy (object arrays are pickles), .npz, PyTorch
// zip checkpoints, Keras v3 archives, and pickles hidden under other names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { inspectModelBytes } from '../../../../shared/models/inspect.js';
import type { InflateRaw } from '../../../../shared/models/zip.js';
import { callPickle, concat, enc, globalPickle0, latin1, npy, zip } from './build.js';

const inflateRaw: InflateRaw = (d, max) => {
  try {
    return inflateRawSync(d, { maxOutputLength: max });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'too-large';
    throw err;
  }
};
const inspect = (bytes: Uint8Array) => inspectModelBytes(bytes, { inflateRaw });

test('.npy: a numeric array is one tensor; an object array is a pickle and is scanned', async () => {
  const data = new Uint8Array(2 * 3 * 4);
  const file = npy('<f4', [2, 3], data);
  const r = await inspect(file);
  assert.equal(r.format, 'npy');
  assert.equal(r.verdict, 'safe');
  assert.deepEqual(r.tensors, [{ name: 'array', dtype: '<f4', shape: [2, 3], offset: file.length - data.length, length: 24 }]);
  assert.equal(r.npy!.dataOffset % 64, 0);
  const evil = await inspect(npy('|O', [1], callPickle('os', 'system', 'id')));
  assert.equal(evil.verdict, 'dangerous');
  assert.deepEqual(evil.dangerous, ['os.system']);
  const header = `{'descr': [('a', '<i4'), ('b', '|O')], 'fortran_order': False, 'shape': (1,), }`.padEnd(117) + '\n';
  const structured = await inspect(concat(latin1('\x93NUMPY'), [1, 0], [header.length, 0], enc(header), globalPickle0('subprocess', 'run')));
  assert.equal(structured.verdict, 'dangerous', structured.reason);
});

test('.npy: broken headers are invalid with the reason', async () => {
  const head = (text: string) => concat(latin1('\x93NUMPY'), [1, 0], [text.length, 0], enc(text));
  for (const [file, reason] of [
    [head("{'descr': '<f4', 'fortran_order': False}\n"), /lacks descr, fortran_order or shape/],
    [head("{'descr': '<f4', 'fortran_order': False, 'shape': (__import__('os'),)}\n"), /unexpected input/],
    [head("{'descr': '<q9z', 'fortran_order': False, 'shape': (1,)}\n"), /dtype "<q9z" is not understood/],
    [head("{'descr': '<f8', 'fortran_order': False, 'shape': (1000,)}\n"), /runs past the end of the file/],
    [concat(latin1('\x93NUMPY'), [9, 0], [0, 0]), /unknown .npy version 9.0/],
  ] as const) {
    const r = await inspect(file);
    assert.equal(r.verdict, 'invalid');
    assert.match(r.reason!, reason);
  }
});

test('.npz: members are .npy files; stored ones become tensors in place, object members are scanned', async () => {
  const a = npy('<i2', [4], new Uint8Array(8));
  const z = zip([{ name: 'a.npy', data: a }, { name: 'b.npy', data: npy('<f8', [2], new Uint8Array(16)), deflate: true }]);
  const r = await inspect(z);
  assert.equal(r.format, 'npz');
  assert.equal(r.verdict, 'safe');
  assert.deepEqual(r.tensors?.map((t) => [t.name, t.dtype, t.shape, t.length]), [['a', '<i2', [4], 8]]);
  assert.deepEqual(Buffer.from(z.subarray(r.tensors![0]!.offset - 10, r.tensors![0]!.offset)), Buffer.from(a.subarray(a.length - 18, a.length - 8)));
  assert.match(r.notes.join(), /b.npy|compressed/i);
  const evil = await inspect(zip([{ name: 'x.npy', data: npy('|O', [1], callPickle('builtins', 'exec')), deflate: true }]));
  assert.equal(evil.format, 'npz');
  assert.equal(evil.verdict, 'dangerous');
});

test('PyTorch zip: every pickle member is scanned, storages become tensors, a renamed pickle is still found', async () => {
  const pkl = latin1('\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01.');
  const base = [
    { name: 'model/data.pkl', data: pkl },
    { name: 'model/data/0', data: new Uint8Array(16) },
    { name: 'model/version', data: enc('3\n') },
  ];
  const safe = await inspect(zip(base));
  assert.equal(safe.format, 'pytorch-zip');
  assert.equal(safe.verdict, 'safe');
  assert.deepEqual(safe.tensors?.map((t) => [t.name, t.length]), [['data/0', 16]]);
  assert.deepEqual(safe.globals, ['collections.OrderedDict']);
  const extra = await inspect(zip([...base, { name: 'model/extra.pkl', data: callPickle('os', 'system') }]));
  assert.equal(extra.verdict, 'dangerous');
  assert.match(extra.reason!, /model\/extra.pkl: imports os.system/);
  const renamed = await inspect(zip([...base, { name: 'model/notes.txt', data: globalPickle0('webbrowser', 'open') }]));
  assert.equal(renamed.verdict, 'dangerous', 'a protocol 0 pickle under a .txt name');
  const torchscript = await inspect(zip([...base, { name: 'model/code/__torch__.py', data: enc('def forward(self): pass') }]));
  assert.equal(torchscript.verdict, 'suspicious');
});

test('zip tricks: encrypted flag on a plain pickle, a real encrypted member, ../../x, a bomb member', async () => {
  const flagged = await inspect(zip([{ name: 'data.pkl', data: callPickle('os', 'system'), flags: 1 }]));
  assert.equal(flagged.verdict, 'dangerous');
  const encrypted = await inspect(zip([{ name: 'secret.bin', data: Uint8Array.from({ length: 40 }, (_, i) => (i * 37 + 11) & 0xff), flags: 1 }]));
  assert.equal(encrypted.verdict, 'safe');
  assert.match(encrypted.notes.join(), /secret.bin: encrypted; not inspectable/);
  const climb = await inspect(zip([{ name: '../../x', data: enc('x') }]));
  assert.match(climb.archive!.entries[0]!.problems!.join(), /climbs out/);
  const bomb = await inspect(zip([{ name: 'data.pkl', data: new Uint8Array(16 << 20), deflate: true, declaredSize: 100 }]));
  assert.equal(bomb.verdict, 'invalid');
  assert.match(bomb.reason!, /inflates beyond its declared 100 bytes/);
});

test('zip bomb: entries each within the limit but together past the archive budget are refused', async () => {
  const entries = Array.from({ length: 10 }, (_, i) => ({ name: `part${i}.bin`, data: new Uint8Array(1 << 20), deflate: true }));
  const r = await inspectModelBytes(zip(entries), { inflateRaw, maxEntryBytes: 2 << 20 });
  assert.equal(r.verdict, 'invalid');
  assert.match(r.reason!, /expand to more than 8388608 bytes in total/);
});

test('Keras v3: layers listed, a bytecode Lambda is dangerous, a module outside Keras is judged like a pickle import', async () => {
  const layer = (cls: string, name: string, config: object = {}, module = 'keras.layers') => ({ module, class_name: cls, config: { name, ...config }, registered_name: null });
  const config = (layers: object[]) => enc(JSON.stringify({ module: 'keras', class_name: 'Sequential', config: { name: 'seq', layers } }));
  const keras = (layers: object[]) => zip([{ name: 'metadata.json', data: enc('{"keras_version": "3.4.1"}') }, { name: 'config.json', data: config(layers) }, { name: 'model.weights.h5', data: enc('\x89HDF\r\n\x1a\n') }]);
  const safe = await inspect(keras([layer('InputLayer', 'in'), layer('Dense', 'd1', { activation: { module: 'keras.activations', class_name: 'function', config: 'relu' } })]));
  assert.equal(safe.format, 'keras');
  assert.equal(safe.verdict, 'safe');
  assert.deepEqual(safe.keras!.layers.map((l) => [l.name, l.className, l.depth]), [['in', 'InputLayer', 0], ['d1', 'Dense', 0]]);
  assert.equal(safe.keras!.kerasVersion, '3.4.1');
  const lambda = await inspect(keras([layer('Lambda', 'l', { function: { class_name: '__lambda__', config: { code: 'YmFzZTY0', defaults: null, closure: null } } })]));
  assert.equal(lambda.verdict, 'dangerous');
  assert.deepEqual(lambda.keras!.lambdaLayers, ['l']);
  const cve = await inspect(keras([layer('Dense', 'd', { kernel_initializer: { module: 'os', class_name: 'function', config: 'system' } })]));
  assert.equal(cve.verdict, 'dangerous');
  assert.deepEqual(cve.keras!.imports, ['os.system']);
  const custom = await inspect(keras([layer('MyLayer', 'm', {}, 'my_package.layers')]));
  assert.equal(custom.verdict, 'suspicious');
  const nested = await inspect(keras([layer('Dense', 'outer'), { module: 'keras', class_name: 'Sequential', config: { name: 'inner', layers: [layer('Dense', 'deep')] } }]));
  assert.deepEqual(nested.keras!.layers.map((l) => [l.name, l.depth]), [['outer', 0], ['inner', 0], ['deep', 1]]);
});
