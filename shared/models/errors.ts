// SPDX-License-Identifier: UNLICENSED
// Coded errors for model-file parsing. Every parser here fails with one of these on bad input, never
// with an uncaught TypeError or RangeError, so the inspector can report "invalid: <why>" for hostile
// files (sigstore-js style: a literal code the UI switches on, a message that says what is wrong).
import { EvaultError } from '../errors.js';

export type ModelErrorReason =
  /** The file ends before a structure it declares. */
  | 'TRUNCATED'
  /** A structure is present but wrong (bad magic, bad JSON, offsets out of range…). */
  | 'MALFORMED'
  /** A declared count, length, depth or size is beyond what we accept (or what the file could hold). */
  | 'LIMIT'
  /** A zip archive that would expand far beyond its size, or whose entries overlap. */
  | 'ZIP_BOMB'
  /** A valid structure we do not read (an encrypted zip entry, a compression method…). */
  | 'UNSUPPORTED';

export class ModelFormatError extends EvaultError {
  readonly reason: ModelErrorReason;
  constructor(reason: ModelErrorReason, message: string, options?: { cause?: unknown }) {
    super('BAD_INPUT', message, options);
    this.reason = reason;
  }
}

export const truncated = (what: string): ModelFormatError => new ModelFormatError('TRUNCATED', `${what}: the file ends too early`);
export const malformed = (message: string): ModelFormatError => new ModelFormatError('MALFORMED', message);
export const overLimit = (message: string): ModelFormatError => new ModelFormatError('LIMIT', message);

/** The message of any error, for reports (non-Error throws included). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
