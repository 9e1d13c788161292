// SPDX-License-Identifier: UNLICENSED
// What an investigator reads when something fails, keyed on the service's error code. The
// service's own message (which names the item and what to do) is shown under the title.
import type { ErrorCode } from '../../shared/errors.js';
import { ApiError } from '../api/client.js';

const TITLES: Record<ErrorCode, string> = {
  USAGE: 'That is not possible here',
  BAD_INPUT: 'Please check the input',
  NOT_FOUND: 'Not found',
  ALREADY_EXISTS: 'Already exists',
  CASE_SEALED: 'This case is sealed',
  WRONG_PASSPHRASE: 'Wrong passphrase',
  NO_KEY: 'The vault is locked',
  VAULT_MISSING: 'No vault here yet',
  SOURCE_MISSING: 'File or folder not found',
  SOURCE_UNREADABLE: 'Cannot read the file',
  SOURCE_CHANGED: 'The file changed while it was read',
  DISK_FULL: 'The disk is full',
  IO: 'Input/output problem',
  CANCELLED: 'Cancelled',
  DB_FROM_FUTURE: 'Vault made by a newer version',
  DB_CORRUPT: 'The vault database is damaged',
  INTERNAL: 'Unexpected error',
};

export interface ShownError {
  code: ErrorCode;
  title: string;
  detail: string;
}

export function describeError(err: unknown): ShownError {
  if (err instanceof ApiError) return { code: err.code, title: TITLES[err.code] ?? 'Error', detail: err.message };
  return { code: 'INTERNAL', title: TITLES.INTERNAL, detail: err instanceof Error ? err.message : String(err) };
}
