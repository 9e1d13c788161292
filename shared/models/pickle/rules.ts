// SPDX-License-Identifier: UNLICENSED
// How an import found in a pickle is judged. An ALLOWLIST decides what is safe: denylist scanners
// keep being bypassed by callables nobody listed (fickling CVE-2026-14534: _posixsubprocess, site,
// atexit; modelscan#338: torch.utils.collect_env.run, multiprocessing.util.spawnv_passfds…). Here
// anything not allowlisted is at least suspicious; the denylist only raises known code-execution,
// network, file and process primitives from suspicious to dangerous.
import { canonicalize } from '../../canonicalJson.js';
import { sha256Hex } from '../../crypto/sha256.js';

export const SCANNER_NAME = 'evault-pickle-scan';
export const SCANNER_VERSION = '1.0.0';

export type GlobalSafety = 'safe' | 'suspicious' | 'dangerous';

const STORAGE_TYPES = ['Double', 'Float', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool', 'ComplexDouble', 'ComplexFloat', 'QUInt8', 'QInt8', 'QInt32', 'QUInt4x2', 'QUInt2x4'];
const TORCH_DTYPES = ['float16', 'half', 'float32', 'float', 'float64', 'double', 'bfloat16', 'complex64', 'complex128', 'uint8', 'int8', 'int16', 'short', 'int32', 'int', 'int64', 'long', 'bool'];

/**
 * Callables legitimate PyTorch, NumPy and collections checkpoints need, each with why calling it
 * with data from the pickle runs no code of the file's choosing. Anything a call receives that is
 * itself callable must come from another import, which is judged on its own. Matched exactly on
 * (module, name): `torch` + `_utils._rebuild_tensor_v2` is not the same entry.
 */
export const ALLOWED_GLOBALS: Readonly<Record<string, string>> = {
  'collections.OrderedDict': 'the container of every state_dict; it is built empty and filled by SETITEMS',
  'torch._utils._rebuild_tensor': 'pre-1.0 tensor rebuild: a view (offset, size, stride) over a storage',
  'torch._utils._rebuild_tensor_v2': 'how torch.save pickles every tensor: a view over a storage plus plain flags',
  'torch._utils._rebuild_tensor_v3': 'the v2 rebuild with an explicit dtype, for untyped storages',
  'torch._utils._rebuild_parameter': 'wraps a rebuilt tensor as nn.Parameter with a requires_grad flag',
  'torch._utils._rebuild_parameter_with_state': 'as _rebuild_parameter, then sets attributes from a dict of plain data',
  ...Object.fromEntries(STORAGE_TYPES.map((t) => [`torch.${t}Storage`, 'a storage type named in a persistent id; torch.load reads it as a dtype'])),
  ...Object.fromEntries(TORCH_DTYPES.map((t) => [`torch.${t}`, 'a dtype constant, looked up by name and not called'])),
  'torch.Size': 'a tuple subclass holding a shape',
  'torch.device': 'parses a device string such as "cuda:0"; touches no device',
  'numpy.core.multiarray._reconstruct': 'how ndarray pickles itself: an empty array whose state BUILD then sets',
  'numpy._core.multiarray._reconstruct': 'the same function under its NumPy 2 module name',
  'numpy.core.multiarray.scalar': 'a NumPy scalar from a dtype and its raw bytes',
  'numpy._core.multiarray.scalar': 'the same function under its NumPy 2 module name',
  'numpy.ndarray': 'the array class handed to _reconstruct',
  'numpy.dtype': 'a dtype from a type string; BUILD sets its byte order and fields',
  'builtins.set': 'protocols 0-3 pickle a set as set(list)',
  'builtins.frozenset': 'protocols 0-3 pickle a frozenset as frozenset(list)',
  'builtins.bytearray': 'protocols 0-4 pickle a bytearray as bytearray(bytes)',
  'builtins.complex': 'complex numbers pickle as complex(real, imag)',
  'builtins.slice': 'a slice from three plain values',
  '_codecs.encode': 'Python 3 pickles bytes for protocol 2 as _codecs.encode(text, "latin1"); codecs touch no files or processes',
};

/**
 * Modules (with all their submodules) and callables that execute code, reach the network, files or
 * processes, or load another pickle. A match on the dotted path `module.name` or any prefix of it.
 */
export const DANGEROUS_PATHS: readonly string[] = [
  // code execution and the interpreter itself
  'builtins.eval', 'builtins.exec', 'builtins.compile', 'builtins.execfile', 'builtins.__import__', 'builtins.getattr',
  'builtins.setattr', 'builtins.delattr', 'builtins.globals', 'builtins.locals', 'builtins.vars', 'builtins.apply',
  'builtins.breakpoint', 'builtins.input', 'builtins.help', 'builtins.open', 'builtins.file', 'builtins.reload', 'builtins.exit', 'builtins.quit',
  'runpy', 'code', 'codeop', 'types', 'marshal', 'importlib', 'imp', 'zipimport', 'pkgutil', 'site', 'atexit', 'sys', 'ctypes', '_ctypes',
  'pdb', 'bdb', 'pydoc', 'timeit', 'trace', 'profile', 'cProfile', 'functools.partial', 'functools.partialmethod', 'functools.reduce',
  'operator.attrgetter', 'operator.itemgetter', 'operator.methodcaller', 'operator.call',
  // processes, files, network
  'os', 'posix', 'nt', 'subprocess', '_posixsubprocess', 'commands', 'pty', 'signal', 'multiprocessing', '_thread', 'threading',
  'shutil', 'io', '_io', 'tempfile', 'fcntl', 'mmap', 'codecs.open',
  'socket', '_socket', 'ssl', 'http', 'httplib', 'urllib', 'urllib2', 'urllib3', 'requests', 'aiohttp', 'asyncio', 'ftplib', 'smtplib',
  'telnetlib', 'xmlrpc', 'socketserver', 'webbrowser',
  // installers and build tools
  'pip', 'ensurepip', 'venv', 'distutils', 'setuptools', 'numpy.distutils', 'numpy.f2py', 'torch.utils.cpp_extension',
  // other pickles, other files
  'pickle', '_pickle', 'cPickle', 'shelve', 'dill', 'cloudpickle', 'joblib.load', 'torch.load', 'torch.serialization.load',
  'torch.jit', 'torch.package', 'torch.hub', 'numpy.load', 'numpy.loadtxt', 'numpy.genfromtxt', 'numpy.fromfile', 'numpy.memmap',
  'numpy.lib.npyio', 'numpy.lib._datasource', 'numpy.DataSource', 'numpy.ctypeslib', 'numpy.testing._private.utils',
  'pandas.read_pickle', 'pandas.read_csv', 'pandas.read_table', 'pandas.read_json', 'pandas.read_html', 'pandas.read_xml',
  'pandas.read_parquet', 'pandas.read_sql', 'pandas.read_excel', 'pandas.read_fwf', 'pandas.read_hdf', 'pandas.io',
  // torch internals that compile or run code (picklescan's list and modelscan#338)
  'torch._inductor', 'torch._dynamo', 'torch.fx', 'torch.utils.collect_env', 'torch.utils.bottleneck', 'torch.utils._config_module',
  'torch.utils.data.datapipes.utils.decoder', 'torch.jit.unsupported_tensor_ops', 'mlflow',
];

/** Python 2 module names the unpickler maps for protocols 0–2 (Lib/_compat_pickle.py IMPORT_MAPPING, the ones that matter here). */
export const MODULE_ALIASES: Readonly<Record<string, string>> = {
  __builtin__: 'builtins', exceptions: 'builtins', copy_reg: 'copyreg', cPickle: 'pickle', httplib: 'http.client', urllib2: 'urllib.request',
  urlparse: 'urllib.parse', commands: 'subprocess', SocketServer: 'socketserver', xmlrpclib: 'xmlrpc.client', BaseHTTPServer: 'http.server',
  SimpleXMLRPCServer: 'xmlrpc.server', thread: '_thread', StringIO: 'io', cStringIO: 'io', Cookie: 'http.cookies', cookielib: 'http.cookiejar',
};

/** Names _compat_pickle NAME_MAPPING moves out of builtins. */
const NAME_ALIASES: Readonly<Record<string, string>> = { 'builtins.reduce': 'functools.reduce', 'builtins.intern': 'sys.intern' };

/** The global as reports show it: 'module.name', 'unknown' where an operand was not a known string. */
export function globalName(module: string | null, name: string | null): string {
  const clip = (s: string): string => (s.length > 200 ? `${s.slice(0, 200)}…` : s);
  return `${clip(module ?? 'unknown')}.${clip(name ?? 'unknown')}`;
}

function normalize(module: string, name: string): string {
  const path = `${MODULE_ALIASES[module] ?? module}.${name}`;
  return NAME_ALIASES[path] ?? path;
}

const DANGEROUS = new Set(DANGEROUS_PATHS);

function matchesDangerous(path: string): boolean {
  // Every dotted prefix of the path: 'torch.jit.load' matches 'torch.jit'; 'osx.y' does not match 'os'.
  for (let i = path.indexOf('.'); ; i = path.indexOf('.', i + 1)) {
    if (DANGEROUS.has(i < 0 ? path : path.slice(0, i))) return true;
    if (i < 0) return false;
  }
}

/** Judges one import. */
export function classifyGlobal(module: string | null, name: string | null): GlobalSafety {
  if (module === null || name === null) return 'dangerous'; // resolved at load time only: assume the worst
  const paths = [`${module}.${name}`, normalize(module, name)];
  if (paths.some(matchesDangerous)) return 'dangerous';
  // A dotted name walks attributes (protocol 4 qualified names): reaching a dunder such as
  // __globals__ or __subclasses__ from any object is the classic sandbox escape.
  if (name.split('.').some((part) => part.length > 4 && part.startsWith('__') && part.endsWith('__'))) return 'dangerous';
  // Exact (module, name) pairs: allowlisted names have no dots, so a dotted name never matches.
  if (!name.includes('.') && Object.hasOwn(ALLOWED_GLOBALS, paths[1]!)) return 'safe';
  return 'suspicious';
}

/** SHA-256 (hex) of the canonical JSON (RFC 8785) of every rule above: which rules judged a file. */
export function rulesHash(): string {
  return sha256Hex(
    canonicalize({
      allowed: Object.keys(ALLOWED_GLOBALS).sort(),
      dangerous: [...DANGEROUS_PATHS].sort(),
      moduleAliases: MODULE_ALIASES,
      nameAliases: NAME_ALIASES,
      unknownOperand: 'dangerous',
      dunderAttribute: 'dangerous',
      otherwise: 'suspicious',
    }),
  );
}
