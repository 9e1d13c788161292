// SPDX-License-Identifier: UNLICENSED
// A model diff as lines of text: what `evault model-diff` prints and the desktop model detail shows
// under "Summary" (one wording for both).
import type { ModelDiff } from './modelDiff.js';

export function describeDiff(d: ModelDiff): string[] {
  const out: string[] = [];
  const side = (k: string, s: ModelDiff['a']) => `${k}: ${s.label}  ${s.format}, ${s.tensors} tensors${s.weightsRoot ? `, weights root ${s.weightsRoot.slice(0, 16)}…` : ''}`;
  out.push(side('A', d.a), side('B', d.b));
  for (const h of d.headlines) out.push(`* ${h}`);
  const t = d.tensors;
  out.push(`tensors: ${t.identical} identical, ${t.bytesChanged.length} with different bytes, ${t.added.length} added, ${t.removed.length} removed, ${t.renamed.length} renamed, ${t.dtypeChanged.length} retyped, ${t.shapeChanged.length} reshaped`);
  const num = (x: number) => (x === 0 ? '0' : x.toPrecision(4));
  for (const c of t.bytesChanged.slice(0, 50)) {
    const e = c.elements;
    out.push(`  changed  ${c.name} ${c.dtype} [${c.shape.join(', ')}]${e ? `: ${e.differing} of ${e.elements} elements differ, max |a-b| ${num(e.maxAbsDiff)}, mean |a-b| ${num(e.meanAbsDiff)}${e.nonFinite ? `, ${e.nonFinite} NaN/Inf` : ''}` : c.comparable ? '' : ' (not a float dtype: bytes differ)'}`);
  }
  for (const r of t.renamed.slice(0, 50)) out.push(`  renamed  ${r.from} -> ${r.to}`);
  for (const n of t.added.slice(0, 50)) out.push(`  added    ${n}`);
  for (const n of t.removed.slice(0, 50)) out.push(`  removed  ${n}`);
  for (const x of t.dtypeChanged.slice(0, 50)) out.push(`  retyped  ${x.name}: ${x.from} -> ${x.to}`);
  for (const x of t.shapeChanged.slice(0, 50)) out.push(`  reshaped ${x.name}: [${x.from.join(', ')}] -> [${x.to.join(', ')}]`);
  const k = d.keys;
  if (k.changed.length + k.added.length + k.removed.length) out.push('keys:');
  for (const x of k.changed.slice(0, 100)) out.push(`  changed  ${x.key}: ${x.from} -> ${x.to}`);
  for (const x of k.added.slice(0, 100)) out.push(`  added    ${x.key}: ${x.value}`);
  for (const x of k.removed.slice(0, 100)) out.push(`  removed  ${x.key}: ${x.value}`);
  return out;
}
