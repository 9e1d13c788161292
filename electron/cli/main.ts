// SPDX-License-Identifier: UNLICENSED
// The evault command line: a second front on the same services the desktop app uses.
// Exit codes: 0 ok, 1 verification found a problem, 2 bad usage or bad input, 3 other failure.
import { EvaultError } from '../../shared/errors.js';
import { TOOL_VERSION } from '../services/version.js';
import { parse } from './args.js';
import type { Command } from './command.js';
import { Context } from './context.js';
import { caseCommands } from './commands/cases.js';
import { custodyCommands } from './commands/custody.js';
import { demoCommand } from './commands/demo.js';
import { evidenceCommands } from './commands/evidence.js';
import { incidentCommands } from './commands/incident.js';
import { keyCommands } from './commands/keys.js';
import { logCommands } from './commands/logs.js';
import { modelCommands } from './commands/models.js';
import { manifestCommands } from './commands/manifests.js';
import { proofCommands } from './commands/proofs.js';
import { reportCommands } from './commands/report.js';
import { verifyCommands } from './commands/verify.js';
import { uiCommand } from './commands/ui.js';

export const COMMANDS: readonly Command[] = [...caseCommands, ...keyCommands, ...evidenceCommands, ...logCommands, ...modelCommands, ...manifestCommands, ...proofCommands, ...custodyCommands, ...verifyCommands, ...reportCommands, ...incidentCommands, demoCommand, uiCommand];

export const EXIT = { OK: 0, VERIFY_FAILED: 1, USAGE: 2, FAILURE: 3 } as const;

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    `${TOOL_VERSION}: fingerprint AI-incident evidence into a vault with a signed custody log`,
    '',
    'Usage: evault [--vault DIR] [--keystore DIR] [--key FINGERPRINT] [--json] [--debug] COMMAND ...',
    '',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Vault: --vault, else EVAULT_VAULT, else the per-user data folder. Keystore: --keystore, else EVAULT_KEYSTORE.',
    'Passphrase: asked without echo, or EVAULT_PASSPHRASE for scripts. CASE is a case id or number.',
    'Exit codes: 0 ok, 1 verification found a problem, 2 bad usage or input, 3 other failure.',
  ].join('\n');
}

/** Global options that take a value: their value is not a command word. */
const VALUE_OPTIONS = new Set(['--vault', '--keystore', '--key']);

/** Positions of the words that are not options or option values. */
function wordPositions(argv: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (VALUE_OPTIONS.has(argv[i]!)) i++;
    else if (!argv[i]!.startsWith('-')) out.push(i);
  }
  return out;
}

/** Finds the command named by the first one or two words. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const positions = wordPositions(argv);
  for (const n of [2, 1]) {
    const name = positions.slice(0, n).map((i) => argv[i]).join(' ');
    const command = COMMANDS.find((c) => c.name === name);
    if (command) return { command, rest: argv.filter((_, i) => !positions.slice(0, n).includes(i)) };
  }
  return undefined;
}

export async function run(argv: string[], out?: (s: string) => void, err?: (s: string) => void): Promise<number> {
  const writeErr = err ?? ((s: string) => process.stderr.write(s + '\n'));
  const writeOut = out ?? ((s: string) => process.stdout.write(s + '\n'));
  const debug = argv.includes('--debug');
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    writeOut(help());
    return EXIT.OK;
  }
  if (argv[0] === '--version') {
    writeOut(TOOL_VERSION);
    return EXIT.OK;
  }
  const found = findCommand(argv);
  if (!found) {
    writeErr(`evault: unknown command "${wordPositions(argv).slice(0, 2).map((i) => argv[i]).join(' ')}"; run "evault help" for the list`);
    return EXIT.USAGE;
  }
  let ctx: Context | undefined;
  try {
    const parsed = parse(found.rest, found.command.options ?? {});
    if (parsed.global.help) {
      writeOut(`usage: ${found.command.usage}\n${found.command.summary}`);
      return EXIT.OK;
    }
    ctx = new Context(parsed.global, writeOut, writeErr);
    const code = await found.command.run(ctx, parsed);
    return typeof code === 'number' ? code : EXIT.OK;
  } catch (error) {
    if (error instanceof EvaultError) {
      writeErr(`evault: ${error.message}`);
      if (debug) writeErr(String(error.stack));
      return error.isInputError ? EXIT.USAGE : EXIT.FAILURE;
    }
    writeErr(`evault: unexpected failure: ${(error as Error).message}${debug ? '' : ' (run again with --debug for details)'}`);
    if (debug) writeErr(String((error as Error).stack));
    return EXIT.FAILURE;
  } finally {
    ctx?.close();
  }
}
