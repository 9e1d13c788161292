// SPDX-License-Identifier: UNLICENSED
// Names the vault writes and every verifier (verify-vault, the report verifier, the renderer)
// must reproduce. One definition, here.
import { utf8 } from '../encoding.js';

/** tlog-checkpoint origin of a log: unique per vault and log, as tlog-checkpoint requires. */
export function checkpointOrigin(vaultId: string, log: string): string {
  return `evidence-vault/${vaultId}/${log}`;
}

/** The signed-note key name of an examiner: no spaces or '+', per the signed-note spec. */
export function noteKeyName(fingerprint: string): string {
  return `evault-examiner-${fingerprint.slice(0, 16)}`;
}

/** What the companion key signs to prove it belongs with the Ed25519 identity. */
export function companionPossessionMessage(fingerprint: string): Uint8Array {
  return utf8(`evidence-vault companion key of ${fingerprint}`);
}
