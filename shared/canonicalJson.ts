// SPDX-License-Identifier: UNLICENSED
// RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes every custody event is signed over.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Returns the RFC 8785 canonical form of `value`. Throws on values I-JSON cannot carry. */
export function canonicalize(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // RFC 8785 §3.2.2.3: ECMAScript Number serialization; NaN and ±Infinity are not JSON.
      if (!Number.isFinite(value)) throw new TypeError(`cannot canonicalize number ${value}`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'string':
      return canonicalString(value);
    case 'object': {
      // Array.from visits holes of a sparse array as undefined (which throws); map would skip them
      // and join would write the invalid text "[1,,2]".
      if (Array.isArray(value)) return `[${Array.from(value, (v) => canonicalize(v)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError('cannot canonicalize a non-plain object');
      }
      // RFC 8785 §3.2.3: sort property names by their UTF-16 code units. JS string comparison
      // (<, >) compares UTF-16 code units, so the default sort is exactly that order.
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${canonicalString(k)}:${canonicalize(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`cannot canonicalize a ${typeof value}`);
  }
}

function canonicalString(s: string): string {
  // RFC 8785 §3.2.2.2 uses ECMAScript JSON.stringify escaping; I-JSON (RFC 7493 §2.1) forbids
  // lone surrogates, which JSON.stringify would escape rather than reject.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)) {
    throw new TypeError('cannot canonicalize a string with a lone surrogate');
  }
  return JSON.stringify(s);
}
