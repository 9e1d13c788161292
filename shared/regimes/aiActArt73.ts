// SPDX-License-Identifier: UNLICENSED
// EU AI Act Art. 73: reporting of serious incidents of high-risk AI systems. Quotations from the
// Art. 73 text cited in regulatory.md §1 (idx 61370827161; ai-act-service-desk.ec.europa.eu).
import type { RegimeRule } from './types.js';

export const AI_ACT_ART73: RegimeRule = {
  id: 'eu-ai-act-art73',
  version: '1.0.0',
  title: 'EU AI Act Art. 73: reporting of serious incidents',
  instrument: 'Regulation (EU) 2024/1689 (AI Act)',
  recipient: 'the market surveillance authorities of the Member States where the incident occurred',
  source: 'ai-act-service-desk.ec.europa.eu/en/ai-act/article-73 (regulatory.md §1)',
  relevantWhen: { any: [{ field: 'classification.art3_49', includes: 'a' }, { field: 'classification.art3_49', includes: 'b' }, { field: 'classification.art3_49', includes: 'c' }, { field: 'classification.art3_49', includes: 'd' }], text: 'a serious incident (Art. 3(49)) of a high-risk AI system' },
  deadlines: [
    {
      id: 'art73-2-immediately',
      label: 'immediately once a causal link is established',
      from: 'times.causalLink',
      hours: null,
      cite: 'Art. 73(2): "The report … shall be made immediately after the provider has established a causal link between the AI system and the serious incident or the reasonable likelihood of such a link"',
    },
    {
      id: 'art73-2-15d',
      label: '15 days from awareness',
      from: 'times.awareness',
      hours: 15 * 24,
      cite: 'Art. 73(2): "and, in any event, not later than 15 days after the provider or, where applicable, the deployer, becomes aware of the serious incident"',
    },
    {
      id: 'art73-3-2d',
      label: '2 days from awareness (widespread infringement or Art. 3(49)(b))',
      from: 'times.awareness',
      hours: 2 * 24,
      when: { any: [{ field: 'classification.widespread', equals: true }, { field: 'classification.art3_49', includes: 'b' }], text: 'widespread infringement, or Art. 3(49)(b) critical-infrastructure disruption' },
      cite: 'Art. 73(3): "in the event of a widespread infringement or a serious incident as defined in Article 3, point (49)(b), the report shall be provided immediately, and not later than two days after the provider or, where applicable, the deployer becomes aware of that incident"',
    },
    {
      id: 'art73-4-10d',
      label: '10 days from awareness (death of a person)',
      from: 'times.awareness',
      hours: 10 * 24,
      when: { any: [{ field: 'classification.death', equals: true }], text: 'death of a person' },
      cite: 'Art. 73(4): "in the event of the death of a person, the report shall be provided … but not later than 10 days after the date on which the provider or, where applicable, the deployer becomes aware of the serious incident"',
    },
  ],
  required: [
    { field: 'times.awareness', cite: 'Art. 73(2)–(4): every outer limit runs from when the provider or deployer "becomes aware"' },
    { field: 'classification.art3_49', cite: 'Art. 3(49) defines "serious incident" by its points (a)–(d); Art. 73(3) and (4) shorten the limit by kind' },
    { field: 'impact.memberStates', cite: 'Art. 73(1): report "to the market surveillance authorities of the Member States where that incident occurred"' },
    { field: 'regimes.recipients', cite: 'Art. 73(1): the market surveillance authorities' },
    { field: 'parties.provider', cite: 'Art. 73(1): "Providers of high-risk AI systems … shall report"' },
    { field: 'system.name', cite: 'Commission draft template §2.2 (secondary, regulatory.md §1): name of the AI system' },
    { field: 'system.euDatabaseId', cite: 'Commission draft template §2.1 (secondary, regulatory.md §1): EU database registration ID (Art. 71)' },
    { field: 'narrative.whatHappened', cite: 'Commission draft template §3.1 (secondary): what went wrong, its effects, likely causality' },
    { field: 'assessment.rootCause', cite: 'Art. 73(6): the provider investigates, "including a risk assessment of the incident, and corrective action"' },
  ],
  notes: [
    'Art. 73(5): an incomplete initial report may precede the complete one.',
    'Art. 73(6): the system must not be altered in a way that may affect a later evaluation of the causes before the authorities are informed.',
    'When the shortest applicable outer limit has passed, later ones do not extend it: the earliest due time binds.',
  ],
};
