// SPDX-License-Identifier: UNLICENSED
// Which rules judged: a version and a SHA-256 over the rule set's data (every pattern, the model
// with its weights, the engine's thresholds) in RFC 8785 canonical JSON. Both go into the signed
// `finding.recorded` event, so a later reader can tell exactly which rules produced a finding.
import { canonicalize } from '../canonicalJson.js';
import { sha256Hex } from '../crypto/sha256.js';
import { DEFAULT_ENGINE_OPTIONS, type RuleEngineOptions } from './engine.js';
import { EXFILTRATION_PATTERNS } from './exfiltration.js';
import { INJECTION_MODEL } from './injection/modelData.js';
import * as injection from './injection/patterns.js';

/** Bump on any change to a rule, the model or a default threshold. */
export const RULESET_VERSION = '1.0.0';

const source = (re: RegExp): string => `/${re.source}/${re.flags}`;

/** The rule set as plain JSON data: what the hash covers. */
export function rulesetData(opts: RuleEngineOptions = {}): Record<string, unknown> {
  return {
    version: RULESET_VERSION,
    injection: {
      override: injection.OVERRIDE.map((p) => `${p.id}:${source(p.re)}${p.check ? ':checked' : ''}`),
      jailbreak: injection.JAILBREAK_STRONG.map((p) => `${p.id}:${source(p.re)}`),
      bypass: injection.BYPASS.map((p) => `${p.id}:${source(p.re)}`),
      persona: source(injection.PERSONA),
      addressToAi: source(injection.ADDRESS_TO_AI),
      processingRequest: source(injection.PROCESSING_REQUEST),
      documentStart: source(injection.DOCUMENT_START),
      model: { ...INJECTION_MODEL },
    },
    exfiltration: EXFILTRATION_PATTERNS,
    engine: {
      burst: { ...DEFAULT_ENGINE_OPTIONS.burst, ...opts.burst },
      modelReturnAfter: opts.modelReturnAfter ?? DEFAULT_ENGINE_OPTIONS.modelReturnAfter,
      maxIdentifiers: opts.maxIdentifiers ?? DEFAULT_ENGINE_OPTIONS.maxIdentifiers,
      crossTenantIgnore: [...(opts.crossTenantIgnore ?? DEFAULT_ENGINE_OPTIONS.crossTenantIgnore)],
      customInjection: opts.injection !== undefined,
    },
  };
}

let cached: string | null = null;

/** SHA-256 (hex) of the canonical rule-set data; pass the engine's options when they differ from the defaults. */
export function rulesetHash(opts?: RuleEngineOptions): string {
  if (opts) return sha256Hex(canonicalize(rulesetData(opts)));
  cached ??= sha256Hex(canonicalize(rulesetData()));
  return cached;
}
