// SPDX-License-Identifier: UNLICENSED
// Accuracy of the AI-incident rules on the labelled corpus (../shared/corpus/logs/): the synthetic
// exports end to end, and the held-out part of the real-attack folder. Figures: docs/BENCHMARKS.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INJECTION_MODEL } from '../../../../shared/rules/injection/modelData.js';
import { SPLIT, SPLIT_SALT } from '../../../tools/injection/realSet.js';
import { measureRealHeldOut, measureSynthetic } from '../../../tools/ruleAccuracy.js';

test('synthetic set: injection recall >= 0.9 with <= 1% of benign prompts flagged; other rules >= 0.9', async (t) => {
  const r = await measureSynthetic();
  t.diagnostic(JSON.stringify(r.total));
  const inj = r.total['ai.prompt_injection']!;
  assert.ok(inj.recall >= 0.9, `injection recall ${inj.recall}`);
  assert.ok(inj.falsePositiveRate <= 0.01, `injection FP rate ${inj.falsePositiveRate}`);
  for (const type of ['ai.system_prompt_exfiltration', 'ai.response_leak', 'ai.cross_tenant', 'ai.burst', 'ai.model_change']) {
    const f = r.total[type]!;
    assert.ok(f.recall >= 0.9, `${type} recall ${f.recall}`);
    assert.ok(f.falsePositiveRate <= 0.01, `${type} FP rate ${f.falsePositiveRate}`);
  }
  for (const [type, f] of Object.entries(r.total)) assert.equal(f.hardNegativesFlagged, 0, `${type} flags a hard negative`);
  assert.equal(r.crossTenantFirstSeenCorrect, r.total['ai.cross_tenant']!.labelled);
});

test('real attacks, held-out part only: recall >= 0.9 with <= 1% of benign prompts flagged', () => {
  const training = INJECTION_MODEL.training as { realSet: { split: { unit: string; test: string } } };
  // The split the model was trained with is the split measured here.
  assert.ok(training.realSet.split.unit.includes(SPLIT_SALT));
  assert.equal(training.realSet.split.test, `u >= ${SPLIT.devBelow}`);
  const r = measureRealHeldOut();
  assert.ok(r.all.recall >= 0.9, `recall ${r.all.recall}`);
  assert.ok(r.all.falsePositiveRate <= 0.01, `FP rate ${r.all.falsePositiveRate}`);
  const shipped = (INJECTION_MODEL.heldOut as { test: { combined: { recall: number; falsePositives: number } } }).test.combined;
  assert.equal(r.all.recall, shipped.recall, 'figures in modelData.ts are those of the shipped rules and model');
  assert.equal(r.all.falsePositives, shipped.falsePositives);
});
