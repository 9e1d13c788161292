// SPDX-License-Identifier: UNLICENSED
// Credentials with a documented, recognisable shape: AWS access key ids, OpenAI-style "sk-" API
// keys, GitHub tokens, JWTs and PEM private keys. Each is found by its literal prefix first, so a
// text without any of the prefixes costs a few indexOf calls (detect.ts tests them all at once first).
import type { PiiMatch } from '../findings.js';
import { findJwts } from './jwt.js';
import { findPrivateKeys } from './pem.js';

// AWS access key ids: "AKIA" (long-term) or "ASIA" (STS temporary) and 16 upper-case letters or
// digits, 20 characters in all (AWS IAM User Guide, "Unique identifiers").
const AWS = /(?<![A-Za-z0-9])A(?:KI|SI)A[A-Z0-9]{16}(?![A-Za-z0-9])/g;

// OpenAI keys: "sk-" plus 48 characters (legacy), or "sk-proj-", "sk-svcacct-", "sk-admin-" plus a
// longer random string with "-" and "_"; Anthropic's "sk-ant-" keys share the shape.
const SK = /(?<![\w-])sk-(?:(proj|svcacct|admin|ant)-)?[A-Za-z0-9_-]{20,}(?![\w-])/g;

// GitHub tokens (GitHub Docs, "About authentication to GitHub"; GitHub blog, 2021-04-05 "Behind
// GitHub's new authentication token formats"): ghp_/gho_/ghu_/ghs_/ghr_ and 36 base62 characters,
// and fine-grained personal access tokens "github_pat_" + 22 + "_" + 59.
const GH = /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9]{22,}_[A-Za-z0-9]{40,})(?![A-Za-z0-9_])/g;

/**
 * A random key mixes upper case, lower case and digits; a hyphenated word after "sk-"
 * ("sk-learn-compatible-pipelines") does not.
 */
function looksRandom(s: string, minLength: number): boolean {
  let alnum = 0;
  let upper = false;
  let lower = false;
  let digit = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
    else if (c >= 48 && c <= 57) digit = true;
    else continue;
    alnum++;
  }
  return alnum >= minLength && upper && lower && digit;
}

function scan(text: string, re: RegExp, out: PiiMatch[], subtype: (m: RegExpExecArray) => string | undefined): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const kind = subtype(m);
    if (kind !== undefined) out.push({ type: 'pii.secret', start: m.index, end: m.index + m[0].length, subtype: kind });
  }
}

export function findSecrets(text: string, out: PiiMatch[]): void {
  if (text.includes('-----BEGIN ')) findPrivateKeys(text, out);
  if (text.includes('AKIA') || text.includes('ASIA')) scan(text, AWS, out, () => 'aws_access_key');
  if (text.includes('sk-')) {
    scan(text, SK, out, (m) => {
      const body = m[0].slice(3 + (m[1] === undefined ? 0 : m[1].length + 1));
      if (!looksRandom(body, 32)) return undefined;
      return m[1] === 'ant' ? 'anthropic_key' : 'openai_key';
    });
  }
  if ((text.includes('gh') || text.includes('github_pat_')) && text.includes('_')) scan(text, GH, out, () => 'github_token');
  if ((text.includes('ey') || text.includes('ew')) && text.includes('.')) findJwts(text, out);
}
