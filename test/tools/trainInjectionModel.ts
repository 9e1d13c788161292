// SPDX-License-Identifier: UNLICENSED
// Trains the prompt-injection classifier and writes shared/rules/injection/modelData.ts.
//
//   npx tsc -p tsconfig.test.json && node dist/test/tools/trainInjectionModel.js [--dry-run]
//
// Data (all read at run time, nothing copied into the repository):
//   malicious  injections-real records in the TRAIN part of the split (realSet.ts), i.e. the
//              jailbreak_llms (MIT) and deepset/prompt-injections (Apache-2.0) rows there;
//   benign     the prompts written for this project (injection/benignPrompts.ts) and README
//              paragraphs of permissively licensed npm packages in node_modules (readmeText.ts).
// The folder's benign rows are never fitted: most are Stanford Alpaca rows (CC BY-NC 4.0, "internal
// testing only"), and labels.json does not say which benign row came from which source. They are
// used only to measure: dev-part rows choose the threshold, test-part rows give the held-out figures.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Featurizer, type FeatureOptions } from '../../shared/rules/injection/features.js';
import { encodeWeights, loadClassifier, type Classifier, type InjectionModelData } from '../../shared/rules/injection/classifier.js';
import { createInjectionDetector } from '../../shared/rules/injection/detect.js';
import { repoRoot } from '../helpers/repoRoot.js';
import { benignPrompts } from './injection/benignPrompts.js';
import { trainLogistic, type Example } from './injection/logistic.js';
import { readmeParagraphs } from './injection/readmeText.js';
import { loadRealSet, realFiles, sha256File, SPLIT, SPLIT_SALT, type RealRecord } from './injection/realSet.js';

export const MODEL_VERSION = 'injection-linear-1.0.0';
const FEATURES: FeatureOptions = { bits: 16, maxChars: 20000, charGrams: [3, 5] };
const HYPER = { l2: 1e-3, iterations: 300, learningRate: 0.05 };
/** Share of the total sample weight per group, so no group drowns another by sheer count. */
const GROUP_SHARE = { jailbreak: 0.3, deepset: 0.2, handWritten: 0.3, readme: 0.2 };
/** The threshold is the lowest score that flags at most this share of dev benign prompts. */
const DEV_FP_BUDGET = 0.004;

interface Figures {
  malicious: number;
  benign: number;
  detected: number;
  falsePositives: number;
  recall: number;
  falsePositiveRate: number;
}

function figures(records: RealRecord[], flagged: (r: RealRecord) => boolean): Figures {
  const mal = records.filter((r) => r.malicious);
  const ben = records.filter((r) => !r.malicious);
  const detected = mal.filter(flagged).length;
  const falsePositives = ben.filter(flagged).length;
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  return { malicious: mal.length, benign: ben.length, detected, falsePositives, recall: round(detected / Math.max(1, mal.length)), falsePositiveRate: round(falsePositives / Math.max(1, ben.length)) };
}

function chooseThreshold(scores: number[]): number {
  const sorted = [...scores].sort((a, b) => b - a);
  const allowed = Math.floor(sorted.length * DEV_FP_BUDGET);
  // Just above the (allowed+1)-th highest benign score, and never below 0.5.
  const t = (sorted[allowed] ?? 0) + 1e-4;
  return Math.max(0.5, Math.round(t * 10000) / 10000);
}

function main(): void {
  const dryRun = process.argv.includes('--dry-run');
  const real = loadRealSet();
  const featurizer = new Featurizer(FEATURES);
  const hand = benignPrompts();
  const readme = readmeParagraphs();
  const trainMal = real.filter((r) => r.part === 'train' && r.malicious);
  const groups: Array<{ name: keyof typeof GROUP_SHARE; y: 0 | 1; texts: string[] }> = [
    { name: 'jailbreak', y: 1, texts: trainMal.filter((r) => r.atlas === 'AML.T0054').map((r) => r.prompt) },
    { name: 'deepset', y: 1, texts: trainMal.filter((r) => r.atlas !== 'AML.T0054').map((r) => r.prompt) },
    { name: 'handWritten', y: 0, texts: hand },
    { name: 'readme', y: 0, texts: readme.texts },
  ];
  const data: Example[] = [];
  for (const g of groups) for (const t of g.texts) data.push({ x: featurizer.featurize(t), y: g.y, w: GROUP_SHARE[g.name] / g.texts.length });
  console.log(`training on ${data.length} texts: ${groups.map((g) => `${g.name} ${g.texts.length}`).join(', ')}`);
  const fit = trainLogistic(data, { dim: 1 << FEATURES.bits, ...HYPER });
  console.log(`final loss ${fit.loss.toFixed(4)}, bias ${fit.bias.toFixed(3)}`);

  // Quantise first, then calibrate and measure the quantised model: the figures are the shipped model's.
  const q = encodeWeights(fit.weights);
  const provisional: InjectionModelData = { format: 'evidence-vault/injection-linear/1', version: MODEL_VERSION, features: FEATURES, bias: fit.bias, scale: q.scale, threshold: 0.5, weights: q.weights, training: null, heldOut: null };
  const probe = loadClassifier(provisional);
  const devBenign = real.filter((r) => !r.malicious && r.part !== 'test');
  const threshold = chooseThreshold(devBenign.map((r) => probe.score(r.prompt).score));
  const classifier: Classifier = loadClassifier({ ...provisional, threshold });
  const detector = createInjectionDetector(classifier);
  const rulesOnly = createInjectionDetector(null);
  const dev = real.filter((r) => r.part === 'dev' || (!r.malicious && r.part === 'train'));
  const test = real.filter((r) => r.part === 'test');
  const evaluate = (set: RealRecord[]): Record<string, Figures> => ({
    combined: figures(set, (r) => detector(r.prompt) !== null),
    rulesOnly: figures(set, (r) => rulesOnly(r.prompt) !== null),
    classifierOnly: figures(set, (r) => classifier.score(r.prompt).score >= threshold),
    jailbreakLlmsCombined: figures(set.filter((r) => !r.malicious || r.atlas === 'AML.T0054'), (r) => detector(r.prompt) !== null),
    deepsetCombined: figures(set.filter((r) => !r.malicious || r.atlas !== 'AML.T0054'), (r) => detector(r.prompt) !== null),
  });
  const devFigures = evaluate(dev);
  const heldOut = evaluate(test);
  console.log(`threshold ${threshold}`);
  console.log('dev', JSON.stringify(devFigures, null, 1));
  console.log('held-out test', JSON.stringify(heldOut, null, 1));

  const files = realFiles();
  const model: InjectionModelData = {
    ...provisional,
    threshold,
    training: {
      script: 'test/tools/trainInjectionModel.ts',
      algorithm: `L2-regularised logistic regression (full-batch Adam, ${HYPER.iterations} iterations, l2 ${HYPER.l2}, learning rate ${HYPER.learningRate}); hashed word 1-2-grams and character 3-5-grams, 2^${FEATURES.bits} buckets; weights int16-quantised`,
      groupShare: GROUP_SHARE,
      realSet: {
        folder: '../shared/corpus/logs/injections-real/',
        files: { 'inference_audit.jsonl': sha256File(files.log), 'labels.json': sha256File(files.labels) },
        split: { key: 'request_id', unit: `first 32 bits of SHA-256("${SPLIT_SALT}" + request_id) / 2^32`, train: `u < ${SPLIT.trainBelow}`, dev: `${SPLIT.trainBelow} <= u < ${SPLIT.devBelow}`, test: `u >= ${SPLIT.devBelow}` },
        fitted: `malicious records of the train part only (${trainMal.length}: jailbreak_llms ${groups[0]!.texts.length}, deepset ${groups[1]!.texts.length}); no benign record of the folder is fitted (Alpaca rows are CC BY-NC 4.0, testing only)`,
        threshold: `lowest score flagging at most ${DEV_FP_BUDGET * 100}% of the ${devBenign.length} benign records outside the test part`,
      },
      benignHandWritten: { file: 'test/tools/injection/benignPrompts.ts', prompts: hand.length, sha256: createHash('sha256').update(hand.join('\n'), 'utf8').digest('hex') },
      benignReadmes: { paragraphs: readme.texts.length, packages: readme.sources.map((s) => `${s.package}@${s.version} ${s.license} ${s.file} sha256:${s.sha256}`) },
    },
    heldOut: { part: 'test', note: 'records of the test part were neither fitted nor used to choose the threshold', dev: devFigures, test: heldOut },
  };
  if (dryRun) return;
  const out = join(repoRoot(), 'shared', 'rules', 'injection', 'modelData.ts');
  writeFileSync(out, render(model));
  console.log(`wrote ${out}`);
}

function render(model: InjectionModelData): string {
  const { weights, ...meta } = model;
  return [
    '// SPDX-License-Identifier: UNLICENSED',
    '// GENERATED by test/tools/trainInjectionModel.ts: do not edit. The prompt-injection classifier as data:',
    '// hyper-parameters, training provenance, held-out figures, then the int16 weights (base64, little-endian).',
    "import type { InjectionModelData } from './classifier.js';",
    '',
    `const META = ${JSON.stringify(meta, null, 2)} as const;`,
    '',
    `const WEIGHTS = '${weights}';`,
    '',
    'export const INJECTION_MODEL: InjectionModelData = { ...META, weights: WEIGHTS };',
    '',
  ].join('\n');
}

main();
