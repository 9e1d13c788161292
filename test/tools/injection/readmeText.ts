// SPDX-License-Identifier: UNLICENSED
// Benign prose for training: paragraphs of the README files of the npm packages this repository
// already installs, kept only where the package declares a permissive licence. Ordinary technical
// English full of imperatives ("ignore", "override", "disable the rule") that is not an attack.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { repoRoot } from '../../helpers/repoRoot.js';

const PERMISSIVE = /^(?:MIT|ISC|Apache-2\.0|BSD-2-Clause|BSD-3-Clause|0BSD|BlueOak-1\.0\.0)$/;

export interface ReadmeSource {
  package: string;
  version: string;
  license: string;
  file: string;
  sha256: string;
  paragraphs: number;
}

function packageDirs(root: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root).sort()) {
    if (name.startsWith('.')) continue;
    const dir = join(root, name);
    if (name.startsWith('@')) out.push(...readdirSync(dir).sort().map((n) => join(dir, n)));
    else out.push(dir);
  }
  return out;
}

function prose(markdown: string): string[] {
  const noCode = markdown.replace(/```[\s\S]*?```/g, '\n\n');
  return noCode
    .split(/\n\s*\n/)
    .map((p) => p.replace(/<[^>]+>/g, ' ').replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_#>|]/g, ' ').replace(/\s+/g, ' ').trim())
    .filter((p) => p.length >= 60 && p.length <= 1500 && (p.match(/[a-z]/gi)?.length ?? 0) / p.length > 0.7 && / the | a | to /.test(p));
}

/** Paragraphs and their provenance, in a fixed order. */
export function readmeParagraphs(): { texts: string[]; sources: ReadmeSource[] } {
  const texts: string[] = [];
  const sources: ReadmeSource[] = [];
  for (const dir of packageDirs(join(repoRoot(), 'node_modules'))) {
    const pj = join(dir, 'package.json');
    if (!existsSync(pj)) continue;
    const meta = JSON.parse(readFileSync(pj, 'utf8')) as { name?: string; version?: string; license?: unknown };
    if (typeof meta.license !== 'string' || !PERMISSIVE.test(meta.license)) continue;
    const readme = readdirSync(dir).find((f) => /^readme\.md$/i.test(f));
    if (!readme) continue;
    const bytes = readFileSync(join(dir, readme));
    const paras = prose(bytes.toString('utf8'));
    if (paras.length === 0) continue;
    texts.push(...paras);
    sources.push({ package: meta.name ?? dir, version: meta.version ?? '', license: meta.license, file: readme, sha256: createHash('sha256').update(bytes).digest('hex'), paragraphs: paras.length });
  }
  return { texts, sources };
}
