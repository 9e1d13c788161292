// SPDX-License-Identifier: UNLICENSED
// Phrase rules for prompt injection: which rule matched, where, and which ATLAS technique it is.
import { deobfuscate } from './deobfuscate.js';
import { ADDRESS_TO_AI, BYPASS, DOCUMENT_START, JAILBREAK_STRONG, OVERRIDE, PERSONA, PROCESSING_REQUEST, type PhrasePattern } from './patterns.js';

export type InjectionTechnique = 'override' | 'indirect' | 'jailbreak' | 'encoded';

export const TECHNIQUE_ATLAS: Readonly<Record<InjectionTechnique | 'classifier', string>> = {
  override: 'AML.T0051.000',
  indirect: 'AML.T0051.001',
  jailbreak: 'AML.T0054',
  encoded: 'AML.T0051.000',
  classifier: 'AML.T0051.000',
};

export interface RuleHit {
  /** Rule id, e.g. "ai.injection.override". */
  rule: string;
  technique: InjectionTechnique;
  atlas: string;
  /** The pattern(s) that matched, e.g. "drop-instructions". */
  patterns: string[];
  /** Span of the prompt the rule rests on. */
  start: number;
  end: number;
  /** A sentence for the report. */
  explanation: string;
}

interface Match {
  pattern: PhrasePattern;
  start: number;
  end: number;
  text: string;
}

/** First match of a pattern that also passes its extra check. */
export function findPattern(pattern: PhrasePattern, text: string): Match | null {
  const re = pattern.re;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (!pattern.check || pattern.check(m[0])) return { pattern, start: m.index, end: m.index + m[0].length, text: m[0] };
  }
  return null;
}

function firstOf(patterns: readonly PhrasePattern[], text: string): Match | null {
  for (const pattern of patterns) {
    const m = findPattern(pattern, text);
    if (m) return m;
  }
  return null;
}

function quote(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 80 ? flat.slice(0, 77) + '...' : flat}"`;
}

/** Override found after the start of pasted material, or next to a phrase addressed to "any AI reading this". */
function isIndirect(text: string, at: number): boolean {
  const address = ADDRESS_TO_AI.exec(text);
  if (address && Math.abs(address.index - at) < 300) return true;
  const doc = DOCUMENT_START.exec(text);
  if (!doc || doc.index >= at) return false;
  return PROCESSING_REQUEST.test(text.slice(0, doc.index + doc[0].length));
}

function jailbreak(text: string): RuleHit | null {
  const strong = firstOf(JAILBREAK_STRONG, text);
  if (strong) {
    return { rule: 'ai.injection.jailbreak', technique: 'jailbreak', atlas: TECHNIQUE_ATLAS.jailbreak, patterns: [strong.pattern.id], start: strong.start, end: strong.end, explanation: `Jailbreak role-play: ${quote(strong.text)} ${strong.pattern.means}.` };
  }
  // A bypass clause counts only beside a persona cue: no cue anywhere, nothing to look for.
  if (!PERSONA.test(text)) return null;
  const bypass = firstOf(BYPASS, text);
  if (!bypass) return null;
  // A bypass clause is a jailbreak when it describes the model or a persona it should play.
  const window = text.slice(Math.max(0, bypass.start - 400), bypass.end + 200);
  const persona = PERSONA.exec(window);
  if (!persona) return null;
  return {
    rule: 'ai.injection.jailbreak',
    technique: 'jailbreak',
    atlas: TECHNIQUE_ATLAS.jailbreak,
    patterns: [bypass.pattern.id, 'persona'],
    start: bypass.start,
    end: bypass.end,
    explanation: `Jailbreak role-play: a persona set-up (${quote(persona[0])}) with a claim that ${bypass.pattern.means.replace(/^(?:describes|says|demands that) /, '')}: ${quote(bypass.text)}.`,
  };
}

/**
 * Stems every override pattern needs one of. Testing them first (one scan) spares the dozen
 * patterns on the great majority of prompts, which contain none.
 */
const OVERRIDE_STEMS = /disabl|deactivat|turned off|lifted|suspended|bypassed|not (?:active|in effect|applicable)|removed|\boff\b|ignor|disregard|forget|overrid|bypass|discard|drop|abandon|neglect|dismiss|throw away|set aside|leave|follow|instruction|rules|guideline|directive|prompt|programming|constraint|restriction|polic|filter|safeguard|protocol|guardrail|moral|ethic|system|admin|developer|root|sudo|maintenance|orders|vergiss|vergessen|oubli|olvida|dimentica|negeer|vergeet|esque|ignora/i;

function override(text: string): RuleHit | null {
  if (!OVERRIDE_STEMS.test(text)) return null;
  const m = firstOf(OVERRIDE, text);
  if (!m) return null;
  const indirect = isIndirect(text, m.start);
  return {
    rule: indirect ? 'ai.injection.indirect' : 'ai.injection.override',
    technique: indirect ? 'indirect' : 'override',
    atlas: indirect ? TECHNIQUE_ATLAS.indirect : TECHNIQUE_ATLAS.override,
    patterns: [m.pattern.id],
    start: m.start,
    end: m.end,
    explanation: indirect
      ? `Injection embedded in pasted content: ${quote(m.text)} ${m.pattern.means}, inside material the user asked the model to process.`
      : `Instruction override: ${quote(m.text)} ${m.pattern.means}.`,
  };
}

/** Rule hits on plain text (no decoding): override/indirect first, then jailbreak. */
export function plainRuleHits(text: string): RuleHit[] {
  const hits: RuleHit[] = [];
  const o = override(text);
  if (o) hits.push(o);
  const j = jailbreak(text);
  if (j) hits.push(j);
  return hits;
}

/** All rule hits on a prompt, including instructions hidden in an encoding. */
export function ruleHits(text: string): RuleHit[] {
  const hits = plainRuleHits(text);
  if (hits.length > 0) return hits;
  for (const d of deobfuscate(text)) {
    const inner = plainRuleHits(d.text)[0];
    if (!inner) continue;
    hits.push({
      rule: 'ai.injection.encoded',
      technique: 'encoded',
      atlas: TECHNIQUE_ATLAS.encoded,
      patterns: [d.encoding, ...inner.patterns],
      start: d.start,
      end: d.end,
      explanation: `Obfuscated instruction (${d.encoding}, ATLAS AML.T0068): decodes to ${quote(d.text.slice(inner.start, inner.end))}, which ${inner.explanation.replace(/^[^:]*: "[^"]*" /, '').replace(/\.$/, '')}.`,
    });
    break;
  }
  return hits;
}
