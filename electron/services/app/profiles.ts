// SPDX-License-Identifier: UNLICENSED
// The first desktop builds kept the examiner's organisation in a sidecar FINGERPRINT.profile.json
// beside the key file, because key files then carried name and role only. Keys now record it
// themselves and sign it into examiner.registered; this reader only shows the organisation of an
// identity made by those builds (it is not signed in any vault for such an identity).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

export interface LegacyProfile {
  version: 1;
  fingerprint: string;
  organisation: string | null;
}

export async function readLegacyProfile(keystoreDir: string, fingerprint: string): Promise<LegacyProfile | undefined> {
  try {
    const p = JSON.parse(await fs.readFile(join(keystoreDir, `${fingerprint}.profile.json`), 'utf8')) as LegacyProfile;
    return p.version === 1 && p.fingerprint === fingerprint ? p : undefined;
  } catch {
    return undefined;
  }
}
