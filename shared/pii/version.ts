// SPDX-License-Identifier: UNLICENSED
// The name and version of the PII detector, recorded with every scan (pii.scan details of the
// signed finding.recorded event) so a later reader knows which rules produced the matches.
// Bump the version whenever a change to shared/pii/ can change what detectPii returns.

export const PII_DETECTOR = 'evault-pii';
export const PII_DETECTOR_VERSION = '2';
