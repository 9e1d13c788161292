// SPDX-License-Identifier: UNLICENSED
// First, cheap classification of an imported file from its first bytes and name. The log and
// model issues refine this with real parsers; here it only routes evidence into a kind.
import { extname } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';

export type EvidenceKind = 'log' | 'model' | 'file';

const MODEL_EXTENSIONS = new Set(['.safetensors', '.gguf', '.onnx', '.pt', '.pth', '.ckpt', '.bin', '.pkl', '.pickle', '.joblib', '.npy', '.npz', '.keras', '.h5']);
const LOG_EXTENSIONS = new Set(['.log', '.jsonl', '.ndjson', '.csv', '.tsv']);
/** A .json file is a log when it is an array of records or an object holding one under a usual key. */
const JSON_LOG = /^\s*(\[|\{\s*"(Records|records|value|entries|events|logs|items)"\s*:\s*\[)/;

export function detectKind(name: string, head: Buffer): EvidenceKind {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    // A gzip file is whatever its decompressed start is (a .log.gz, a rotated syslog.2.gz…).
    let inner: Buffer;
    try {
      inner = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return 'file';
    }
    return detectKind(name.replace(/\.gz$/i, ''), inner);
  }
  if (isSafetensors(head) || head.subarray(0, 4).toString('latin1') === 'GGUF' || head.subarray(0, 6).toString('latin1') === '\x93NUMPY') return 'model';
  if (head[0] === 0x80 && head[1] !== undefined && head[1] >= 2 && head[1] <= 5) return 'model'; // pickle protocol 2-5
  const ext = extname(name.endsWith('.gz') ? name.slice(0, -3) : name).toLowerCase();
  if (MODEL_EXTENSIONS.has(ext)) return 'model';
  if (LOG_EXTENSIONS.has(ext)) return 'log';
  if (ext === '.json') return JSON_LOG.test(head.toString('utf8', 0, 4096).replace(/^\uFEFF/, '')) ? 'log' : 'file';
  if (looksLikeLines(head)) return 'log';
  return 'file';
}

/** safetensors: u64 little-endian header length, then a JSON object. */
function isSafetensors(head: Buffer): boolean {
  if (head.length < 10) return false;
  const len = head.readBigUInt64LE(0);
  return len > 1n && len < 100_000_000n && head[8] === 0x7b; // '{'
}

/** Text whose lines start like JSON objects or timestamps: a log export. */
function looksLikeLines(head: Buffer): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  const lines = head.toString('utf8').split('\n').slice(0, 5).filter((l) => l.trim());
  return lines.length >= 2 && lines.every((l) => /^\s*\{/.test(l) || /^\d{4}-\d{2}-\d{2}[T ]/.test(l) || /^<\d+>/.test(l) || /^[A-Z][a-z]{2} [ \d]\d /.test(l));
}
