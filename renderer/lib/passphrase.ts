// SPDX-License-Identifier: UNLICENSED
// A rough strength hint for a new passphrase: an estimate of guessing entropy from length and
// character classes, with penalties for repeats and sequences. A hint, not a policy: the keystore
// itself requires 8 characters and protects the key with scrypt (N=2^17).

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  bits: number;
}

export function passphraseStrength(p: string): Strength {
  if (!p) return { score: 0, label: 'Enter a passphrase', bits: 0 };
  let pool = 0;
  if (/[a-z]/.test(p)) pool += 26;
  if (/[A-Z]/.test(p)) pool += 26;
  if (/[0-9]/.test(p)) pool += 10;
  if (/[^A-Za-z0-9]/.test(p)) pool += 33;
  const unique = new Set(p).size;
  const effectiveLength = Math.min(p.length, unique * 2.5);
  let bits = effectiveLength * Math.log2(Math.max(pool, 2));
  if (/(.)\1{2,}/.test(p) || /(?:0123|1234|2345|abcd|qwer|asdf|password|passwort)/i.test(p)) bits *= 0.6;
  const score = (bits < 35 ? 0 : bits < 50 ? 1 : bits < 65 ? 2 : bits < 85 ? 3 : 4) as Strength['score'];
  const label = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'][score]!;
  return { score: p.length < 8 ? 0 : score, label: p.length < 8 ? 'Too short (8 characters minimum)' : label, bits: Math.round(bits) };
}
