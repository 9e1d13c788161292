// SPDX-License-Identifier: UNLICENSED
// The TrueType fonts reports embed (PDF/A forbids the non-embedded standard 14): IBM Plex Sans and Source Code Pro, OFL 1.1,
// shipped in build/fonts/ with their license. Found from this module's location, so they load
// the same from the source tree, dist/ and a packaged app that keeps build/fonts beside package.json.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EvaultError } from '../../../shared/errors.js';

export const FONT_FILES = {
  sans: 'IBMPlexSans-Regular.ttf',
  bold: 'IBMPlexSans-SemiBold.ttf',
  italic: 'IBMPlexSans-Italic.ttf',
  mono: 'SourceCodePro-Regular.ttf',
} as const;
export type FontName = keyof typeof FONT_FILES;

let cached: string | undefined;

/** The build/fonts folder; EVAULT_FONTS overrides it (a packaged app's resources folder). */
export function fontDir(): string {
  if (cached) return cached;
  const candidates: string[] = [];
  if (process.env.EVAULT_FONTS) candidates.push(process.env.EVAULT_FONTS);
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    candidates.push(join(dir, 'build', 'fonts'));
    if (dirname(dir) === dir) break;
  }
  const found = candidates.find((d) => existsSync(join(d, FONT_FILES.sans)));
  if (!found) throw new EvaultError('INTERNAL', `the report fonts (${FONT_FILES.sans}) are missing; looked in ${candidates.slice(0, 4).join(', ')}…`);
  cached = found;
  return found;
}

export function fontPath(name: FontName): string {
  return join(fontDir(), FONT_FILES[name]);
}
