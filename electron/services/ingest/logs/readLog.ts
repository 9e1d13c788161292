// SPDX-License-Identifier: UNLICENSED
// Streams a log file (gzip or plain) into records: framing, leaf hashes, parsed values, malformed
// flags. Memory stays bounded whatever the file size.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { ImportError } from '../../../../shared/errors.js';
import { detectLogFormat, isGzip, type LogFormat } from './format.js';
import { CsvFramer, JsonArrayFramer, LineFramer, type Framer } from './framers.js';
import { parseRecord, splitDelimited } from './parseRecord.js';

export interface LogRecord {
  /** 0-based index in file order (the CSV header is not a record). */
  index: number;
  offset: number;
  length: number;
  line: number;
  /** RFC 9162 leaf hash of the record's exact bytes. */
  leaf: Buffer;
  bytes?: Buffer;
  value?: unknown;
  malformed?: string;
}

export interface LogReadInfo {
  format: LogFormat;
  gzip: boolean;
  /** CSV/TSV column names from the header row. */
  columns?: string[];
}

export interface ReadLogOptions {
  /** The name used for format detection (defaults to the path). */
  name?: string;
  format?: LogFormat;
  signal?: AbortSignal;
  /** Called once the format is known, before the first record. */
  onInfo?: (info: LogReadInfo) => void;
}

const DETECT_BYTES = 64 * 1024;

export async function* readLogRecords(path: string, options: ReadLogOptions = {}): AsyncGenerator<LogRecord> {
  const raw = createReadStream(path, { highWaterMark: 1024 * 1024 });
  let stream: AsyncIterable<Buffer> = raw;
  let gzip = false;
  const state: { framer?: Framer } = {};
  let info: LogReadInfo | undefined;
  let index = 0;
  let pending: Buffer[] = [];
  let pendingSize = 0;

  const iterator = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await iterator.next();
  const firstChunk: Buffer = first.done ? Buffer.alloc(0) : first.value;
  if (isGzip(firstChunk)) {
    gzip = true;
    const gunzip = createGunzip();
    (async () => {
      gunzip.write(firstChunk);
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
        if (!gunzip.write(r.value)) await new Promise((res) => gunzip.once('drain', res));
      }
      gunzip.end();
    })().catch((err: Error) => gunzip.destroy(err));
    stream = gunzip;
  } else {
    stream = (async function* () {
      if (!first.done) yield firstChunk;
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
    })();
  }

  const start = (head: Buffer): void => {
    const format = options.format ?? detectLogFormat(options.name ?? path, head);
    state.framer = format === 'csv' || format === 'tsv' ? new CsvFramer() : format === 'json' ? new JsonArrayFramer() : new LineFramer();
    info = { format, gzip };
  };

  function* emit(records: ReturnType<Framer['push']>): Generator<LogRecord> {
    for (const r of records) {
      const framer = state.framer;
      if (info!.columns === undefined && framer instanceof CsvFramer && framer.header) {
        const cells = splitDelimited(framer.header.toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, ''), info!.format === 'tsv' ? '\t' : ',');
        info!.columns = 'cells' in cells ? cells.cells : [];
        options.onInfo?.(info!);
      }
      const parsed = r.problem ? { malformed: r.problem } : parseRecord(r.bytes, info!.format, info!.columns);
      const record: LogRecord = { index: index++, offset: r.offset, length: r.length, line: r.line, leaf: r.leaf };
      if (r.bytes) record.bytes = r.bytes;
      if ('value' in parsed) record.value = parsed.value;
      else record.malformed = parsed.malformed;
      yield record;
    }
  }

  function* begin(): Generator<LogRecord> {
    const head = Buffer.concat(pending);
    pending = [];
    start(head);
    // CSV reports its info once the header row is read (it carries the columns).
    if (!(state.framer instanceof CsvFramer)) options.onInfo?.(info!);
    yield* emit(state.framer!.push(head));
  }

  try {
    for await (const chunk of stream) {
      if (options.signal?.aborted) throw new ImportError('CANCELLED', 'import cancelled; nothing was recorded');
      if (!state.framer) {
        pending.push(chunk);
        pendingSize += chunk.length;
        if (pendingSize < DETECT_BYTES) continue;
        yield* begin();
        continue;
      }
      yield* emit(state.framer.push(chunk));
    }
    if (!state.framer) yield* begin();
    const framer = state.framer!;
    let tail: ReturnType<Framer['push']>;
    try {
      tail = framer.end();
    } catch (err) {
      throw new ImportError('BAD_INPUT', `${options.name ?? path}: ${(err as Error).message}`, { cause: err });
    }
    yield* emit(tail);
    if (framer instanceof CsvFramer && info!.columns === undefined) {
      info!.columns = [];
      options.onInfo?.(info!);
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (gzip && (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /unexpected end of file|incorrect header check|invalid/i.test((err as Error).message))) {
      throw new ImportError('BAD_INPUT', `${options.name ?? path}: the gzip stream is truncated or corrupt (${(err as Error).message}); nothing was recorded`, { cause: err });
    }
    throw new ImportError('SOURCE_UNREADABLE', `cannot read log ${options.name ?? path}: ${(err as Error).message}`, { cause: err });
  } finally {
    raw.destroy();
  }
}
