// SPDX-License-Identifier: UNLICENSED
// The regimes that ship, and their identity as the report records it (id, version, SHA-256 over
// the RFC 8785 form of the rules) — as detection rule sets are recorded.
//
// Not shipped: NIS2 Art. 23 and DORA major-incident reporting. Only NIS2 Art. 23(4)(a) (24 h early
// warning) could be read verbatim; the 72 h notification and one-month final report were found only
// in secondary summaries, and DORA's times are set by technical standards not read. A regime ships
// only when every number it encodes cites the text.
import { canonicalize, type JsonValue } from '../canonicalJson.js';
import { sha256Hex } from '../crypto/sha256.js';
import { EvaultError } from '../errors.js';
import { AI_ACT_ART73 } from './aiActArt73.js';
import { GDPR_ART33 } from './gdprArt33.js';
import { GDPR_ART34 } from './gdprArt34.js';
import type { RegimeRule } from './types.js';

export const REGIMES: readonly RegimeRule[] = [GDPR_ART33, GDPR_ART34, AI_ACT_ART73];

export function regimeHash(rule: RegimeRule): string {
  return sha256Hex(canonicalize(rule as unknown as JsonValue));
}

export function findRegime(id: string): RegimeRule {
  const r = REGIMES.find((x) => x.id === id);
  if (!r) throw new EvaultError('BAD_INPUT', `unknown regime "${id}"; known: ${REGIMES.map((x) => x.id).join(', ')}`);
  return r;
}

export interface RegimeIdentity {
  id: string;
  version: string;
  sha256: string;
}

export function regimeIdentities(): RegimeIdentity[] {
  return REGIMES.map((r) => ({ id: r.id, version: r.version, sha256: regimeHash(r) }));
}
