// SPDX-License-Identifier: UNLICENSED
// GDPR Art. 34: communication of a personal-data breach to the data subjects.
import type { RegimeRule } from './types.js';

export const GDPR_ART34: RegimeRule = {
  id: 'gdpr-art34',
  version: '1.0.0',
  title: 'GDPR Art. 34: communication of a personal data breach to the data subject',
  instrument: 'Regulation (EU) 2016/679 (GDPR)',
  recipient: 'the data subjects',
  source: 'overview.legal/laws/gdpr/art-34 (regulatory.md §2)',
  relevantWhen: { any: [{ field: 'classification.personalDataBreach', equals: true }], text: 'a personal-data breach likely to result in a high risk' },
  deadlines: [
    {
      id: 'art34-1-undue-delay',
      label: 'without undue delay (no fixed number)',
      from: 'times.awareness',
      hours: null,
      cite: 'Art. 34(1): "the controller shall communicate the personal data breach to the data subject without undue delay"',
    },
  ],
  required: [
    { field: 'notice.text', cite: 'Art. 34(2): "describe in clear and plain language the nature of the personal data breach"' },
    { field: 'parties.contact', cite: 'Art. 34(2), referring to Art. 33(3)(b): DPO or other contact point' },
    { field: 'narrative.consequences', cite: 'Art. 34(2), referring to Art. 33(3)(c): likely consequences' },
    { field: 'measures.corrective', cite: 'Art. 34(2), referring to Art. 33(3)(d): measures taken or proposed' },
  ],
  exemption: { field: 'notice.exemption', values: ['a', 'b', 'c'], cite: 'Art. 34(3)(a) data unintelligible (e.g. encrypted), (b) high risk no longer likely, (c) disproportionate effort (then a public communication)' },
  notes: ['Art. 34(4): the supervisory authority may require the communication.'],
};
