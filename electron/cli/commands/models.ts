// SPDX-License-Identifier: UNLICENSED
import { existsSync, statSync } from 'node:fs';
import { describeInspection } from '../../../shared/models/describe.js';
import type { ModelInspection } from '../../../shared/models/types.js';
import { inspectModelFile } from '../../services/ingest/models/inspectModelFile.js';
import { inspectModelFolder } from '../../services/ingest/models/modelFolder.js';
import { evidencePath, requireAnyEvidence } from '../../services/vault/evidenceActions.js';
import { Vault } from '../../services/vault/vault.js';
import { requireArgs } from '../args.js';
import type { Command } from '../command.js';
import { resolveSide } from '../../services/models/diffSides.js';
import { recordModelDiff, runModelDiff } from '../../services/models/modelDiff.js';
import { describeDiff } from '../../../shared/models/diff/describeDiff.js';

export const modelCommands: Command[] = [
  {
    name: 'inspect',
    usage: 'evault inspect EVIDENCE|PATH|DIR [--json]',
    summary: 'the format-specific view of a model artifact or model folder (tensors, metadata, config, tokenizer, card, pickle verdict)',
    async run(ctx, { positionals }) {
      const [ref] = requireArgs(positionals, ['EVIDENCE'], 'evault inspect EVIDENCE|PATH [--json]');
      let inspection: ModelInspection;
      if (existsSync(ref!) && statSync(ref!).isDirectory()) {
        inspection = (await inspectModelFolder(ref!)).inspection; // headers only: the weights root needs import or model-diff
      } else if (existsSync(ref!) || !Vault.exists(ctx.vaultDir)) {
        inspection = await inspectModelFile(ref!);
      } else {
        const vault = await ctx.openVault();
        const evidence = requireAnyEvidence(vault, ref!);
        const stored = vault.db.prepare('SELECT inspection FROM model_meta WHERE evidence_id = ?').pluck().get(evidence.id) as string | undefined;
        inspection = stored ? (JSON.parse(stored) as ModelInspection) : await inspectModelFile(evidencePath(vault, evidence));
      }
      if (ctx.options.json) ctx.out(JSON.stringify(inspection, null, 2));
      else for (const line of describeInspection(inspection)) ctx.out(line);
      return inspection.verdict === 'dangerous' || inspection.verdict === 'suspicious' ? 1 : 0;
    },
  },
  {
    name: 'model-diff',
    usage: 'evault model-diff A B [--record] [--no-elements] [--json]',
    summary: 'what changed between two model artifacts or folders (evidence items or paths): tensors, element statistics, metadata and config keys',
    options: { record: { type: 'boolean' }, 'no-elements': { type: 'boolean' } },
    async run(ctx, { values, positionals }) {
      const [refA, refB] = requireArgs(positionals, ['A', 'B'], 'evault model-diff A B [--record] [--json]');
      const vault = Vault.exists(ctx.vaultDir) ? await ctx.openVault() : undefined;
      const a = await resolveSide(vault, refA!);
      const b = await resolveSide(vault, refB!);
      const diff = await runModelDiff(a, b, { elements: values['no-elements'] !== true });
      const recorded = values.record === true ? recordModelDiff(vault!, await ctx.unlock(), diff, a, b) : undefined;
      if (ctx.options.json) ctx.out(JSON.stringify({ ...diff, ...(recorded ? { recorded: { seq: recorded.event.seq, case: recorded.event.case } } : {}) }, null, 2));
      else {
        for (const line of describeDiff(diff)) ctx.out(line);
        if (recorded) ctx.out(`recorded as finding.recorded #${recorded.event.seq} in the case log`);
      }
    },
  },
];
