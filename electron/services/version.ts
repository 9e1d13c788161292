// SPDX-License-Identifier: UNLICENSED
/** Recorded in custody events so a report can say which tool version acted. */
export const TOOL_VERSION = 'evidence-vault 0.1.0';
