// SPDX-License-Identifier: UNLICENSED
// GDPR Art. 33: notification of a personal-data breach to the supervisory authority.
import type { RegimeRule } from './types.js';

export const GDPR_ART33: RegimeRule = {
  id: 'gdpr-art33',
  version: '1.0.0',
  title: 'GDPR Art. 33: notification of a personal data breach to the supervisory authority',
  instrument: 'Regulation (EU) 2016/679 (GDPR)',
  recipient: 'the supervisory authority competent under Art. 55',
  source: 'gdprlearninghub.com/article-33-gdpr/ (regulatory.md §2)',
  relevantWhen: { any: [{ field: 'classification.personalDataBreach', equals: true }], text: 'a personal-data breach' },
  deadlines: [
    {
      id: 'art33-1-72h',
      label: '72 hours from awareness',
      from: 'times.awareness',
      hours: 72,
      cite: 'Art. 33(1): "the controller shall without undue delay and, where feasible, not later than 72 hours after having become aware of it, notify the personal data breach to the supervisory authority"',
    },
  ],
  required: [
    { field: 'times.awareness', cite: 'Art. 33(1): the clock runs from "having become aware"' },
    { field: 'narrative.whatHappened', cite: 'Art. 33(3)(a): "describe the nature of the personal data breach"' },
    { field: 'impact.dataSubjectCategories', cite: 'Art. 33(3)(a): "the categories and approximate number of data subjects concerned"' },
    { field: 'impact.persons', cite: 'Art. 33(3)(a): "the categories and approximate number of data subjects concerned"' },
    { field: 'impact.dataCategories', cite: 'Art. 33(3)(a): "the categories and approximate number of personal data records concerned"' },
    { field: 'impact.records', cite: 'Art. 33(3)(a): "the categories and approximate number of personal data records concerned"' },
    { field: 'parties.contact', cite: 'Art. 33(3)(b): "the name and contact details of the data protection officer or other contact point"' },
    { field: 'narrative.consequences', cite: 'Art. 33(3)(c): "the likely consequences of the personal data breach"' },
    { field: 'measures.containment', cite: 'Art. 33(3)(d): "the measures taken or proposed to be taken … including, where appropriate, measures to mitigate its possible adverse effects"' },
    { field: 'measures.corrective', cite: 'Art. 33(3)(d): "the measures taken or proposed to be taken by the controller to address the personal data breach"' },
    { field: 'regimes.delayReasons', whenLate: true, cite: 'Art. 33(1): "Where the notification … is not made within 72 hours, it shall be accompanied by reasons for the delay"' },
  ],
  notes: [
    'Art. 33(1): no notification is due where the breach "is unlikely to result in a risk to the rights and freedoms of natural persons".',
    'Art. 33(4): information may be provided in phases.',
  ],
};
