// SPDX-License-Identifier: UNLICENSED
// Section 21: the filing cross-walk — where each section of this report goes in the AI Act
// serious-incident template, GDPR Art. 33(3) and the UK ICO breach form.
import { CROSSWALK } from '../../../../shared/incident/crosswalk.js';
import type { ReportModel } from '../model.js';
import { THEME, type Layout } from './layout.js';
import { table } from './table.js';

export function renderCrosswalk(l: Layout, m: ReportModel): void {
  l.heading('21. Filing cross-walk');
  l.para('Copy each section into the form part on its row. AI Act template numbers follow the Commission’s draft template v1.0.0 (consultation version, read from a secondary summary); check them against the final template before filing. The ICO form’s parts are named by their topics.', { size: 8.4, color: THEME.muted });
  const included = new Set(m.options.sections);
  table(
    l,
    [
      { title: '§', width: 22, align: 'right' },
      { title: 'Report section', width: 96, wrap: true },
      { title: 'AI Act template', width: 130, wrap: true },
      { title: 'GDPR Art. 33(3)', width: 115, wrap: true },
      { title: 'UK ICO form', width: 0, wrap: true },
    ],
    CROSSWALK.map((r) => [String(r.section), `${r.title}${sectionIncluded(r.section, included) ? '' : ' (not in this report)'}`, r.aiActTemplate, r.gdprArt33, r.ico]),
    { size: 7.2 },
  );
}

const SECTION_OF: Record<number, string> = { 9: 'evidence', 10: 'custody', 11: 'methods', 12: 'findings', 20: 'verification' };

function sectionIncluded(n: number, included: ReadonlySet<string>): boolean {
  if (n === 1) return true; // the cover
  if (n >= 2 && n <= 8) return included.has('incident');
  if (n >= 13 && n <= 19) return included.has('assessment');
  return included.has(SECTION_OF[n] ?? '');
}
