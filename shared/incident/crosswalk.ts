// SPDX-License-Identifier: UNLICENSED
// The filing cross-walk: each report section (numbered as regulatory.md §7) against the parts of
// the forms counsel files, so the report's text is copied into them rather than rewritten.
// AI Act template numbers are those of the Commission's draft v1.0.0 as summarised (secondary) in
// regulatory.md §1; the ICO column names the topics of its breach form (regulatory.md §2), which
// the form does not number.

export interface CrosswalkRow {
  section: number;
  title: string;
  aiActTemplate: string;
  gdprArt33: string;
  ico: string;
}

export const CROSSWALK: readonly CrosswalkRow[] = [
  { section: 1, title: 'Identity, report type', aiActTemplate: '1.2 date and report type', gdprArt33: 'Art. 33(4) information in phases', ico: 'initial or follow-up report, case reference' },
  { section: 2, title: 'Parties and legal authority', aiActTemplate: '1.3 submitter role, provider and representative contacts', gdprArt33: '33(3)(b) DPO or contact point', ico: 'organisation and contact details' },
  { section: 3, title: 'Regimes and clocks', aiActTemplate: '1.1 MSA and reference; 1.3 other regimes reported under', gdprArt33: 'Art. 33(1) timing, reasons for delay', ico: 'others told (other regulators)' },
  { section: 4, title: 'Key times', aiActTemplate: '1.2 date', gdprArt33: 'Art. 33(1) 72 hours from awareness', ico: 'when it happened; date and time discovered' },
  { section: 5, title: 'AI system', aiActTemplate: '2.1 EU database ID; 2.2 name, model, version', gdprArt33: '—', ico: 'cyber incident? (systems involved)' },
  { section: 6, title: 'Classification', aiActTemplate: '1.2 classification (death, health, critical infrastructure, fundamental rights, property, environment)', gdprArt33: '33(3)(a) nature of the breach', ico: 'what happened; cyber incident?' },
  { section: 7, title: 'Impact', aiActTemplate: '3.2 users affected', gdprArt33: '33(3)(a) categories and approx. number of data subjects and records', ico: 'personal-data categories; number of records; number and categories of data subjects' },
  { section: 8, title: 'Narrative', aiActTemplate: '3.1 what went wrong, effects, likely causality', gdprArt33: '33(3)(a) nature; 33(3)(c) likely consequences', ico: 'what happened and how; how found; consequences and their likelihood; staff involvement' },
  { section: 9, title: 'Evidence inventory', aiActTemplate: 'supports 3.1 and 4.1', gdprArt33: 'Art. 33(5) documentation', ico: '—' },
  { section: 10, title: 'Chain of custody', aiActTemplate: 'supports 4.1 (Art. 73(6): no alteration before informing)', gdprArt33: 'Art. 33(5) documentation', ico: '—' },
  { section: 11, title: 'Methods and validation', aiActTemplate: '4.1 investigation performed and planned', gdprArt33: '—', ico: 'how the breach was found' },
  { section: 12, title: 'Findings', aiActTemplate: '3.1 likely causality; 4.1 preliminary results', gdprArt33: '33(3)(a) nature', ico: 'what happened and how' },
  { section: 13, title: 'Opinions and limitations', aiActTemplate: '5 general comments', gdprArt33: '—', ico: '—' },
  { section: 14, title: 'Root cause and risk assessment', aiActTemplate: '4.2 root cause or non-reportability; risk assessment reviewed', gdprArt33: '33(3)(c) likely consequences', ico: 'consequences and their likelihood' },
  { section: 15, title: 'Measures', aiActTemplate: '3.2 remedial actions; 4.1 corrective and preventive actions', gdprArt33: '33(3)(d) measures taken or proposed', ico: 'containment and recovery; prior measures' },
  { section: 16, title: 'Data-subject notice', aiActTemplate: '—', gdprArt33: 'Art. 34 (separate duty)', ico: 'data subjects told' },
  { section: 17, title: 'Notification log', aiActTemplate: '1.1 MSA reference; 1.3 other regimes', gdprArt33: 'Art. 33(1), (4) filings and phases', ico: 'others told; case reference' },
  { section: 18, title: 'Evidence disposition', aiActTemplate: '—', gdprArt33: 'Art. 33(5) documentation', ico: '—' },
  { section: 19, title: 'Examiner and authorization', aiActTemplate: '3.3 reporter contact', gdprArt33: '—', ico: 'person reporting' },
  { section: 20, title: 'Verification appendix', aiActTemplate: '—', gdprArt33: 'Art. 33(5) documentation', ico: '—' },
];
