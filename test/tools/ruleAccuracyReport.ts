// SPDX-License-Identifier: UNLICENSED
// Prints the AI-incident rule figures as Markdown tables for docs/BENCHMARKS.md.
//   npx tsc -p tsconfig.test.json && node dist/test/tools/ruleAccuracyReport.js
import { measureRealHeldOut, measureSynthetic, SYNTHETIC_FILES, type RuleFigures } from './ruleAccuracy.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const row = (name: string, f: RuleFigures): string =>
  `| ${name} | ${f.labelled} | ${f.detected} | ${pct(f.recall)} | ${f.falsePositives} / ${f.negatives} | ${pct(f.falsePositiveRate)} | ${f.hardNegativesFlagged ?? '–'} |`;
const HEAD = '| rule | labelled | detected | recall | false positives / negatives | FP rate | hard negatives flagged |\n|---|---:|---:|---:|---:|---:|---:|';

const syn = await measureSynthetic();
console.log('### Synthetic set (../shared/corpus/logs/ai/, all three files pooled)\n');
console.log(HEAD);
for (const [type, f] of Object.entries(syn.total)) console.log(row(type, f));
for (const file of SYNTHETIC_FILES) {
  console.log(`\n#### ${file}\n`);
  console.log(HEAD);
  for (const [type, f] of Object.entries(syn.perFile[file]!)) console.log(row(type, f));
}
console.log(`\nCross-tenant findings naming the labelled first-seen record: ${syn.crossTenantFirstSeenCorrect}.`);
for (const b of syn.bursts) console.log(`Burst of ${b.user} (${b.file}): labelled ${b.labelledCount} records, found ${b.foundCount}. Explanation: ${b.explanation}`);
const real = measureRealHeldOut();
console.log('\n### Real attacks, held-out part (../shared/corpus/logs/injections-real/, u >= 0.6)\n');
console.log(HEAD);
console.log(row('all sources', real.all));
console.log(row('jailbreak_llms (+ all benign)', real.jailbreakLlms));
console.log(row('deepset (+ all benign)', real.deepset));
