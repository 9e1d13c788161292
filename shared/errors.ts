// SPDX-License-Identifier: UNLICENSED
// Coded errors: the CLI and the UI switch on `code`, never on message text. Messages say what is
// wrong and what to do about it.

export type ErrorCode =
  // bad usage or bad input (CLI exit 2)
  | 'USAGE'
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'CASE_SEALED'
  | 'WRONG_PASSPHRASE'
  | 'NO_KEY'
  | 'VAULT_MISSING'
  | 'SOURCE_MISSING'
  | 'SOURCE_UNREADABLE'
  // failures of the machine or the vault (CLI exit 3)
  | 'SOURCE_CHANGED'
  | 'DISK_FULL'
  | 'IO'
  | 'CANCELLED'
  | 'DB_FROM_FUTURE'
  | 'DB_CORRUPT'
  | 'INTERNAL';

const INPUT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'USAGE',
  'BAD_INPUT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'CASE_SEALED',
  'WRONG_PASSPHRASE',
  'NO_KEY',
  'VAULT_MISSING',
  'SOURCE_MISSING',
  'SOURCE_UNREADABLE',
]);

export class EvaultError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
  /** True when the caller gave something wrong (exit 2) rather than something failing (exit 3). */
  get isInputError(): boolean {
    return INPUT_CODES.has(this.code);
  }
}

/** Problems with the vault database or object store. */
export class VaultError extends EvaultError {}
/** Problems while importing evidence. */
export class ImportError extends EvaultError {}
/** Problems with examiner keys and the keystore. */
export class KeyError extends EvaultError {}
/** Problems with how a command was called. */
export class UsageError extends EvaultError {
  constructor(message: string) {
    super('USAGE', message);
  }
}
