// SPDX-License-Identifier: UNLICENSED
// The incident annex: the record shaped as a MITRE ATLAS case study (atlas-data
// dist/schemas/atlas_output_schema.json: id, object-type, name, summary, incident-date,
// incident-date-granularity, procedure of {tactic, technique, description}; optional reporter,
// target, actor, case-study-type, references) and as an AI Incident Database incident and report
// (aiid site/realm/.../{incidents,reports}/schema.json), so other tools can import it.
import type { IncidentRecord } from './record.js';

/**
 * ATLAS v5.6.0 tactic (by name) of techniques whose tactic regulatory.md §5 records; others get
 * null rather than a guess.
 */
const TACTICS: Record<string, string> = {
  'AML.T0051': 'Execution',
  'AML.T0054': 'Privilege Escalation',
  'AML.T0056': 'Exfiltration',
  'AML.T0057': 'Exfiltration',
  'AML.T0024': 'Exfiltration',
  'AML.T0086': 'Exfiltration',
  'AML.T0069': 'Discovery',
};

export interface AnnexFinding {
  atlas: string | null;
  type: string;
  explanation: string;
}

export interface IncidentAnnex {
  atlasCaseStudy: {
    id: string;
    'object-type': 'case-study';
    name: string;
    summary: string;
    'incident-date': string | null;
    'incident-date-granularity': 'DATE';
    procedure: { tactic: string | null; technique: string; description: string }[];
    reporter: string | null;
    target: string | null;
    actor: string | null;
    'case-study-type': 'incident';
    references: { title: string; url: string | null }[];
  };
  aiid: {
    incident: { incident_id: string; title: string; date: string | null; description: string; 'Alleged deployer of AI system': string[]; 'Alleged developer of AI system': string[]; 'Alleged harmed or nearly harmed parties': string[]; editors: string[]; reports: string[] };
    report: { title: string; text: string; url: string | null; authors: string[]; submitters: string[]; date_published: string; date_submitted: string; language: 'en'; tags: string[] };
  };
}

const text = (rec: IncidentRecord, id: string): string | null => {
  const v = rec.fields[id]?.value;
  return typeof v === 'string' ? v : null;
};
const list = (rec: IncidentRecord, id: string): string[] => {
  const v = rec.fields[id]?.value;
  return Array.isArray(v) ? (v as string[]) : [];
};
const date = (rec: IncidentRecord, id: string): string | null => {
  const v = rec.fields[id]?.value as { utc?: string } | undefined;
  return typeof v?.utc === 'string' ? v.utc.slice(0, 10) : null;
};

export function buildAnnex(input: { reportId: string; caseNumber: string; caseTitle: string; generatedAt: string; examiner: string; record: IncidentRecord; findings: readonly AnnexFinding[] }): IncidentAnnex {
  const rec = input.record;
  const techniques = new Map<string, AnnexFinding[]>();
  for (const f of input.findings) if (f.atlas) techniques.set(f.atlas, [...(techniques.get(f.atlas) ?? []), f]);
  for (const id of list(rec, 'classification.atlas')) if (!techniques.has(id)) techniques.set(id, []);
  const procedure = [...techniques.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([technique, fs]) => ({
      tactic: TACTICS[technique.slice(0, 9)] ?? null,
      technique,
      description: fs.length ? `${fs.length} finding${fs.length === 1 ? '' : 's'} (${[...new Set(fs.map((f) => f.type))].sort().join(', ')}): ${fs[0]!.explanation}` : 'named by the examiner in the classification',
    }));
  const summary = [text(rec, 'narrative.whatHappened'), text(rec, 'narrative.effects'), text(rec, 'narrative.causality')].filter((s): s is string => s !== null).join(' ') || 'Not supplied';
  const when = date(rec, 'times.occurrence') ?? date(rec, 'times.awareness');
  const deployer = text(rec, 'parties.deployer');
  const provider = text(rec, 'parties.provider');
  const system = text(rec, 'system.name');
  return {
    atlasCaseStudy: {
      id: input.reportId,
      'object-type': 'case-study',
      name: `${input.caseNumber}: ${input.caseTitle}`,
      summary,
      'incident-date': when,
      'incident-date-granularity': 'DATE',
      procedure,
      reporter: input.examiner,
      target: system ? `${system}${text(rec, 'system.version') ? ` ${text(rec, 'system.version')}` : ''}` : null,
      actor: null,
      'case-study-type': 'incident',
      references: [{ title: `Evidence Vault report ${input.reportId}`, url: null }],
    },
    aiid: {
      incident: {
        incident_id: input.reportId,
        title: input.caseTitle,
        date: when,
        description: summary,
        'Alleged deployer of AI system': deployer ? [deployer] : [],
        'Alleged developer of AI system': provider ? [provider] : [],
        'Alleged harmed or nearly harmed parties': list(rec, 'impact.dataSubjectCategories'),
        editors: [],
        reports: [input.reportId],
      },
      report: {
        title: `Forensic evidence report ${input.reportId}, case ${input.caseNumber}`,
        text: summary,
        url: null,
        authors: [input.examiner],
        submitters: [input.examiner],
        date_published: input.generatedAt,
        date_submitted: input.generatedAt,
        language: 'en',
        tags: procedure.map((p) => p.technique),
      },
    },
  };
}
