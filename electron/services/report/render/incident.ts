// SPDX-License-Identifier: UNLICENSED
// Sections 2–8 of regulatory.md §7: parties, regimes and clocks, key times, AI system,
// classification, impact, narrative. Examiner fields print "Not supplied" when empty.
import { DEADLINE_DISCLAIMER } from '../../../../shared/regimes/deadlines.js';
import type { ReportModel } from '../model.js';
import { utc } from './format.js';
import { fieldRows, groupTitle, sectionHeading, regimeBlock } from './incidentFields.js';
import { THEME, type Layout } from './layout.js';
import { table } from './table.js';

export function renderIncident(l: Layout, m: ReportModel): void {
  const d = m.incident.deadlines;
  sectionHeading(l, groupTitle('parties'));
  fieldRows(l, m, 'parties');

  sectionHeading(l, groupTitle('regimes'));
  fieldRows(l, m, 'regimes');
  l.para(`Computed at ${utc(d.computedAt)} (the generation time of this report)${d.zone ? `, local times in ${d.zone}` : ''}. ${DEADLINE_DISCLAIMER} Periods are counted as exact hours from the clock start (n days = n × 24 hours); calendar-day counting rules are not applied.`, { size: 8.4, color: THEME.muted });
  if (d.assessed.length === 0) l.para('No regime was marked as assessed by the examiner, so no clock is computed.', { color: THEME.alert });
  for (const r of d.assessed) regimeBlock(l, r);
  if (d.notAssessed.length > 0) l.para(`Not assessed: ${d.notAssessed.map((n) => `${n.title}${n.relevant ? ' (the record suggests it may be relevant)' : ''}`).join('; ')}.`, { size: 8.4 });
  l.para(`Regime rule files used: ${m.incident.regimes.map((r) => `${r.id} v${r.version} (SHA-256 ${r.sha256})`).join('; ')}.`, { size: 7.6, color: THEME.muted });

  sectionHeading(l, groupTitle('times'));
  fieldRows(l, m, 'times');

  sectionHeading(l, groupTitle('system'));
  fieldRows(l, m, 'system');
  const models = m.evidence.filter((e) => e.kind === 'model');
  if (models.length > 0) {
    l.para('Model evidence in the vault (digests computed at acquisition):', { size: 8.6, gap: 3 });
    table(l, [{ title: 'Model evidence', width: 140 }, { title: 'SHA-256 / weights root', width: 0, font: 'mono', size: 6.6, wrap: true }], models.map((e) => [e.name, `${e.sha256}${e.model?.weightsRoot ? ` / ${e.model.weightsRoot}` : ''}`]), { size: 7.6 });
  }

  sectionHeading(l, groupTitle('classification'));
  fieldRows(l, m, 'classification');
  const atlas = [...new Set(m.findings.map((f) => f.atlas).filter((a): a is string => a !== null))].sort();
  l.para(atlas.length ? `ATLAS techniques named by the vault's findings: ${atlas.join(', ')} (section 12).` : 'The vault’s findings name no ATLAS technique.', { size: 8.4, color: THEME.muted });

  sectionHeading(l, groupTitle('impact'));
  fieldRows(l, m, 'impact');

  sectionHeading(l, groupTitle('narrative'));
  fieldRows(l, m, 'narrative');
}
