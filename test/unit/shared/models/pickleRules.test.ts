// SPDX-License-Identifier: UNLICENSED
// The allowlist decides what is safe; the denylist only separates dangerous from suspicious.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ALLOWED_GLOBALS, classifyGlobal, DANGEROUS_PATHS, MODULE_ALIASES, rulesHash, SCANNER_VERSION } from '../../../../shared/models/pickle/rules.js';
import { canonicalize } from '../../../../shared/canonicalJson.js';

test('what legitimate PyTorch, NumPy and collections checkpoints import is safe', () => {
  for (const [m, n] of [
    ['collections', 'OrderedDict'], ['torch._utils', '_rebuild_tensor_v2'], ['torch._utils', '_rebuild_parameter'], ['torch', 'FloatStorage'],
    ['torch', 'BFloat16Storage'], ['torch', 'Size'], ['torch', 'device'], ['torch', 'float16'], ['numpy.core.multiarray', '_reconstruct'],
    ['numpy._core.multiarray', '_reconstruct'], ['numpy', 'ndarray'], ['numpy', 'dtype'], ['builtins', 'set'], ['__builtin__', 'set'],
    ['builtins', 'frozenset'], ['builtins', 'bytearray'], ['builtins', 'slice'], ['_codecs', 'encode'],
  ]) assert.equal(classifyGlobal(m!, n!), 'safe', `${m}.${n}`);
});

test('known code-execution, network, file and process primitives are dangerous, submodules included', () => {
  for (const [m, n] of [
    ['os', 'system'], ['os.path', 'join'], ['posix', 'system'], ['nt', 'system'], ['subprocess', 'Popen'], ['subprocess', 'check_output'],
    ['builtins', 'eval'], ['builtins', 'exec'], ['builtins', 'compile'], ['builtins', 'open'], ['builtins', 'getattr'], ['builtins', '__import__'],
    ['__builtin__', 'apply'], ['builtins', 'breakpoint'], ['runpy', '_run_code'], ['socket', 'create_connection'], ['shutil', 'rmtree'],
    ['pty', 'spawn'], ['pickle', 'loads'], ['_pickle', 'loads'], ['pdb', 'run'], ['webbrowser', 'open'], ['requests', 'get'],
    ['requests.api', 'get'], ['ctypes', 'CDLL'], ['sys', 'exit'], ['importlib', 'import_module'], ['_posixsubprocess', 'fork_exec'],
    ['site', 'addsitedir'], ['atexit', 'register'], ['functools', 'partial'], ['operator', 'attrgetter'], ['operator', 'itemgetter'],
    ['operator', 'methodcaller'], ['torch.serialization', 'load'], ['torch', 'load'], ['torch._inductor.codecache', 'compile_file'],
    ['torch.utils.collect_env', 'run'], ['multiprocessing.util', 'spawnv_passfds'], ['httplib', 'HTTPSConnection'], ['aiohttp.client', 'ClientSession'],
    ['venv', 'create'], ['pip', 'main'], ['pydoc', 'pipepager'], ['numpy', 'load'], ['pandas', 'read_csv'], ['bdb', 'Bdb.run'],
    // a dotted name reaching into the interpreter from an allowlisted object
    ['collections', 'OrderedDict.__init__.__globals__'], ['torch', 'serialization.load'],
  ]) assert.equal(classifyGlobal(m!, n!), 'dangerous', `${m}.${n}`);
  assert.equal(classifyGlobal(null, 'system'), 'dangerous');
  assert.equal(classifyGlobal('os', null), 'dangerous');
});

test('anything else is suspicious, including near misses of allowlisted names', () => {
  for (const [m, n] of [
    ['__main__', 'MyModel'], ['torch.nn.modules.linear', 'Linear'], ['torch', '_utils._rebuild_tensor_v2'], ['collections', 'defaultdict'],
    ['numpy', 'array'], ['osx', 'system'], ['builtins', 'openx'], ['sklearn.linear_model', 'LogisticRegression'], ['copyreg', '_reconstructor'],
  ]) assert.equal(classifyGlobal(m!, n!), 'suspicious', `${m}.${n}`);
});

test('every allowlist entry says why it is there; no path is both allowed and denied', () => {
  for (const [name, why] of Object.entries(ALLOWED_GLOBALS)) {
    assert.ok(why.length > 10, name);
    const dot = name.lastIndexOf('.');
    assert.equal(classifyGlobal(name.slice(0, dot), name.slice(dot + 1)), 'safe', name);
  }
  assert.equal(new Set(DANGEROUS_PATHS).size, DANGEROUS_PATHS.length);
});

test('rulesHash is SHA-256 over the canonical JSON of the rules (recomputed here), and pinned', () => {
  const expected = createHash('sha256')
    .update(
      canonicalize({
        allowed: Object.keys(ALLOWED_GLOBALS).sort(),
        dangerous: [...DANGEROUS_PATHS].sort(),
        moduleAliases: MODULE_ALIASES,
        nameAliases: { 'builtins.reduce': 'functools.reduce', 'builtins.intern': 'sys.intern' },
        unknownOperand: 'dangerous',
        dunderAttribute: 'dangerous',
        otherwise: 'suspicious',
      }),
    )
    .digest('hex');
  assert.equal(rulesHash(), expected);
  // Pinned: changing a rule must be a deliberate change of this value and of SCANNER_VERSION.
  assert.equal(rulesHash(), 'ca94061932dab4176b3e95a3d49bfb9e426337b14a27639f96d7803c8be767a8');
  assert.equal(SCANNER_VERSION, '1.0.0');
});
