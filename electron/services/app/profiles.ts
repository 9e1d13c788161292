// SPDX-License-Identifier: UNLICENSED
// What the UI records about an examiner beyond the key file: the organisation. The keystore's key
// files carry name and role only, and key files are never rewritten, so the organisation is kept
// in a sidecar FINGERPRINT.profile.json beside the key (mode 0600). It is not part of the signed
// examiner.registered event yet (see docs/SECURITY.md).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

export interface Profile {
  version: 1;
  fingerprint: string;
  organisation: string | null;
}

function profilePath(keystoreDir: string, fingerprint: string): string {
  return join(keystoreDir, `${fingerprint}.profile.json`);
}

export async function writeProfile(keystoreDir: string, profile: Profile): Promise<void> {
  await fs.writeFile(profilePath(keystoreDir, profile.fingerprint), JSON.stringify(profile, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
}

export async function readProfile(keystoreDir: string, fingerprint: string): Promise<Profile | undefined> {
  try {
    const p = JSON.parse(await fs.readFile(profilePath(keystoreDir, fingerprint), 'utf8')) as Profile;
    return p.version === 1 && p.fingerprint === fingerprint ? p : undefined;
  } catch {
    return undefined;
  }
}
