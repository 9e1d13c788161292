// SPDX-License-Identifier: UNLICENSED
// Prompt-injection verdict for one user-authored prompt: the phrase rules (explainable by
// construction) and the linear classifier (explained by its heaviest phrases), combined.
import type { Severity } from '../../findings.js';
import type { Classifier } from './classifier.js';
import { PERSONA } from './patterns.js';
import { ruleHits, TECHNIQUE_ATLAS, type InjectionTechnique, type RuleHit } from './rules.js';

export interface InjectionVerdict {
  rule: string;
  technique: InjectionTechnique | 'classifier';
  atlas: string;
  severity: Severity;
  /** Span of the prompt the verdict rests on (a rule's match), when there is one. */
  start?: number;
  end?: number;
  explanation: string;
  /** Classifier score, when the classifier ran. */
  score?: number;
  /** True when only the classifier, not a phrase rule, found the prompt suspicious. */
  classifierOnly: boolean;
}

/** Jailbreak first: a DAN prompt also says "ignore your instructions", and T0054 is the better label. */
const PRIORITY: Record<InjectionTechnique, number> = { jailbreak: 0, indirect: 1, override: 2, encoded: 3 };

function fromRule(hit: RuleHit, others: RuleHit[], score: number | undefined): InjectionVerdict {
  const also = others.filter((o) => o !== hit).map((o) => o.rule.replace('ai.injection.', ''));
  const scoreText = score === undefined ? '' : ` Classifier score ${score.toFixed(2)}.`;
  return {
    rule: hit.rule,
    technique: hit.technique,
    atlas: hit.atlas,
    severity: 'high',
    start: hit.start,
    end: hit.end,
    explanation: `${hit.explanation}${also.length ? ` Also matched: ${also.join(', ')}.` : ''}${scoreText}`,
    ...(score === undefined ? {} : { score }),
    classifierOnly: false,
  };
}

/** Builds a detector; without a classifier only the phrase rules run. */
export function createInjectionDetector(classifier: Classifier | null): (prompt: string) => InjectionVerdict | null {
  return (prompt: string): InjectionVerdict | null => {
    if (prompt.length === 0) return null;
    const hits = ruleHits(prompt).sort((a, b) => PRIORITY[a.technique] - PRIORITY[b.technique]);
    if (hits.length > 0) {
      // The classifier's score is context for the report, not needed for the verdict.
      return fromRule(hits[0]!, hits, classifier?.score(prompt).score);
    }
    if (!classifier) return null;
    const { score } = classifier.score(prompt);
    if (score < classifier.threshold) return null;
    const { top } = classifier.score(prompt, true);
    const jailbreak = PERSONA.test(prompt);
    const phrases = top.map((t) => `"${t.text}"`).join(', ');
    return {
      rule: 'ai.injection.classifier',
      technique: 'classifier',
      atlas: jailbreak ? TECHNIQUE_ATLAS.jailbreak : TECHNIQUE_ATLAS.classifier,
      severity: score >= 0.9 ? 'high' : 'medium',
      explanation: `Injection classifier ${classifier.version} scored ${score.toFixed(2)} (threshold ${classifier.threshold.toFixed(2)})${jailbreak ? ' on a persona/role-play prompt' : ''}; phrases that weighed most: ${phrases || '(character patterns only)'}.`,
      score,
      classifierOnly: true,
    };
  };
}
