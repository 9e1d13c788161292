// SPDX-License-Identifier: UNLICENSED
import { groupHex } from '../lib/format.js';

/** A key fingerprint as groups of four hex digits, eight a line, for reading aloud or writing down. */
export function Fingerprint({ value, label = 'Key fingerprint' }: { value: string; label?: string }) {
  const groups = groupHex(value);
  return (
    <code className="fingerprint" aria-label={`${label}: ${groups.join(' ')}`} data-fingerprint={value}>
      {groups.map((g, i) => (
        <span key={i}>{g}</span>
      ))}
    </code>
  );
}
