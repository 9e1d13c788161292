// SPDX-License-Identifier: UNLICENSED
// The compact form in which the analysis thread hands the rules what they see of a record
// (ObservedRecord) to the importer's thread. Posting a batch copies it (structured clone), and the
// object form cost more than the rows themselves: every object repeats its key names, the common
// fields repeat the row's id columns, and the prompt and response repeat the row's FTS text. Here
// the common fields are read back from the row, a prompt or response found in the FTS text travels
// as its offset there (the receiver slices it out), and the PII matches are one flat array.
import type { CommonFields } from '../../../../shared/logs/commonFields.js';
import type { PiiMatch, PiiType } from '../../../../shared/findings.js';
import type { ObservedRecord } from '../../../../shared/rules/engine.js';
import type { RecordValues } from '../../vault/queries/logRecords.js';

/** A text carried as itself, or as [start, end] in the row's FTS text when it appears there. */
type Text = string | [number, number] | null;

/**
 * A record's PII matches as the analysis builds them, flat: six values per match — type, start,
 * end, subtype (or null), field (JSON Pointer), value.
 */
export type FlatPii = (string | number | null)[];

/** Values per match in a FlatPii. */
const STRIDE = 6;

/** [position of the row in the batch, prompt, response, PII (FlatPii, null when none), response pointers, prompt pointers]. */
export type ObservedWire = [at: number, prompt: Text, response: Text, pii: FlatPii | null, responsePointers: string[] | null, promptPointers: string[] | null];

function text(value: string | undefined, body: string): Text {
  if (value === undefined) return null;
  const at = body.indexOf(value);
  return at < 0 ? value : [at, at + value.length];
}

function untext(t: Text, body: string): string | undefined {
  if (t === null) return undefined;
  return typeof t === 'string' ? t : body.slice(t[0], t[1]);
}

/**
 * Encodes what the rules see of the row at `at` of a batch. The row (`values`) must already carry
 * the record's common fields and FTS text (RecordValues 7–15 and 17): they are not sent twice.
 */
export function encodeObserved(at: number, values: RecordValues, fields: CommonFields, pii: FlatPii, responsePointers: string[] | undefined, promptPointers: string[] | undefined): ObservedWire {
  const body = values[17];
  return [at, text(fields.prompt, body), text(fields.response, body), pii.length > 0 ? pii : null, responsePointers ?? null, promptPointers ?? null];
}

/** The ObservedRecord an encoded entry stands for, given the batch's rows. */
export function decodeObserved(w: ObservedWire, rows: readonly RecordValues[]): ObservedRecord {
  const v = rows[w[0]]!;
  const body = v[17];
  const fields: CommonFields = {};
  if (v[7] !== null) fields.timestamp = v[7];
  if (v[8] !== null) fields.tenant = v[8];
  if (v[9] !== null) fields.user = v[9];
  if (v[10] !== null) fields.session = v[10];
  if (v[11] !== null) fields.requestId = v[11];
  if (v[12] !== null) fields.model = v[12];
  if (v[13] !== null) fields.action = v[13];
  const prompt = untext(w[1], body);
  if (prompt !== undefined) fields.prompt = prompt;
  const response = untext(w[2], body);
  if (response !== undefined) fields.response = response;
  if (v[14] !== null) fields.status = v[14];
  if (v[15] !== null) fields.sourceIp = v[15];
  const pii: (PiiMatch & { field: string; value: string })[] = [];
  const flat = w[3];
  if (flat) {
    for (let i = 0; i < flat.length; i += STRIDE) {
      const m: PiiMatch & { field: string; value: string } = { type: flat[i] as PiiType, start: flat[i + 1] as number, end: flat[i + 2] as number, field: flat[i + 4] as string, value: flat[i + 5] as string };
      if (flat[i + 3] !== null) m.subtype = flat[i + 3] as string;
      pii.push(m);
    }
  }
  const observed: ObservedRecord = { index: v[0], fields, pii };
  if (w[4]) observed.responsePointers = w[4];
  if (w[5]) observed.promptPointers = w[5];
  return observed;
}
