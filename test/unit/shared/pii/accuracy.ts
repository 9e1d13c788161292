// SPDX-License-Identifier: UNLICENSED
// Scores detectPii against the labelled corpus (../shared/corpus/logs/ai, see its README.md): every
// string field of every well-formed record is scanned; a match is a true positive when its file,
// record, field (JSON Pointer), span and type equal a label's. Records are read with the importer's
// own streaming reader, so the scan sees exactly the values an import would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PII_TYPES, type PiiMatch, type PiiType } from '../../../../shared/findings.js';
import { textFields } from '../../../../shared/logs/commonFields.js';
import { detectPii } from '../../../../shared/pii/detect.js';
import { readLogRecords } from '../../../../electron/services/ingest/logs/readLog.js';

interface Span {
  file: string;
  record: number;
  field: string;
  start: number;
  end: number;
}

export interface PiiLabel extends Span {
  type: PiiType;
  value: string;
  subtype?: string;
}

export interface Lookalike extends Span {
  resembles: PiiType;
  value: string;
  why: string;
  subtype?: string;
}

interface LabelsFile {
  files: { name: string; format: 'jsonl' | 'csv'; records: number; malformed: { record: number; reason: string }[] }[];
  pii: PiiLabel[];
  lookalikes: Lookalike[];
}

export interface Prediction extends Span {
  type: PiiType;
  subtype?: string;
  /** The matched text (synthetic corpus data; shown only in the accuracy report script). */
  text: string;
}

export interface TypeScore {
  type: PiiType;
  labels: number;
  matches: number;
  truePositives: number;
  recall: number;
  precision: number;
}

export interface Accuracy {
  scores: TypeScore[];
  /** Labels with no identical match. */
  missed: PiiLabel[];
  /** Matches with no identical label. */
  falseMatches: Prediction[];
  /** Look-alikes overlapped by a match of any type. */
  lookalikesFlagged: Lookalike[];
  /** Per file: records read, records the labels call malformed, records the reader found malformed. */
  files: { name: string; records: number; expectedRecords: number; labelledMalformed: number[]; readerMalformed: number[] }[];
  fieldsScanned: number;
}

const key = (s: Span, type: string) => `${s.file}\u0000${s.record}\u0000${s.field}\u0000${s.start}\u0000${s.end}\u0000${type}`;

export async function measureAccuracy(dir: string): Promise<Accuracy> {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as LabelsFile;
  const predictions: Prediction[] = [];
  const files: Accuracy['files'] = [];
  let fieldsScanned = 0;
  for (const file of labels.files) {
    const labelledMalformed = file.malformed.map((m) => m.record);
    const skip = new Set(labelledMalformed);
    const readerMalformed: number[] = [];
    let records = 0;
    for await (const record of readLogRecords(join(dir, file.name), { format: file.format })) {
      records++;
      if (record.malformed !== undefined) readerMalformed.push(record.index);
      // Malformed records carry no labels (README "malformed").
      if (skip.has(record.index) || record.value === undefined) continue;
      for (const { pointer, text } of textFields(record.value)) {
        fieldsScanned++;
        for (const m of detectPii(text)) predictions.push(toPrediction(file.name, record.index, pointer, text, m));
      }
    }
    files.push({ name: file.name, records, expectedRecords: file.records, labelledMalformed, readerMalformed });
  }

  const labelled = new Set(labels.pii.map((l) => key(l, l.type)));
  const predicted = new Set(predictions.map((p) => key(p, p.type)));
  const scores = PII_TYPES.map((type): TypeScore => {
    const ofType = predictions.filter((p) => p.type === type);
    const truePositives = ofType.filter((p) => labelled.has(key(p, p.type))).length;
    const labelCount = labels.pii.filter((l) => l.type === type).length;
    return {
      type,
      labels: labelCount,
      matches: ofType.length,
      truePositives,
      recall: labelCount === 0 ? 1 : truePositives / labelCount,
      precision: ofType.length === 0 ? 1 : truePositives / ofType.length,
    };
  });
  const byField = new Map<string, Prediction[]>();
  for (const p of predictions) {
    const k = `${p.file}\u0000${p.record}\u0000${p.field}`;
    byField.set(k, [...(byField.get(k) ?? []), p]);
  }
  const lookalikesFlagged = labels.lookalikes.filter((l) =>
    (byField.get(`${l.file}\u0000${l.record}\u0000${l.field}`) ?? []).some((p) => p.start < l.end && l.start < p.end),
  );
  return {
    scores,
    missed: labels.pii.filter((l) => !predicted.has(key(l, l.type))),
    falseMatches: predictions.filter((p) => !labelled.has(key(p, p.type))),
    lookalikesFlagged,
    files,
    fieldsScanned,
  };
}

function toPrediction(file: string, record: number, field: string, text: string, m: PiiMatch): Prediction {
  return { file, record, field, start: m.start, end: m.end, type: m.type, subtype: m.subtype, text: text.slice(m.start, m.end) };
}
