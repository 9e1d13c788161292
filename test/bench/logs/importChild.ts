// SPDX-License-Identifier: UNLICENSED
// Runs one log import in its own process so its peak RSS can be read on its own.
// Usage: node importChild.js VAULT_DIR KEYSTORE_DIR FINGERPRINT CASE FILE
import { Keystore } from '../../../electron/services/keys/keystore.js';
import { importEvidence } from '../../../electron/services/ingest/importer.js';
import { Vault } from '../../../electron/services/vault/vault.js';
import { ThreadCpuSampler } from './threadCpu.js';

const [vaultDir, keystoreDir, fingerprint, caseRef, file] = process.argv.slice(2) as [string, string, string, string, string];
const vault = await Vault.open(vaultDir);
const signer = await new Keystore(keystoreDir).unlock(fingerprint, 'benchmark passphrase');
const threads = new ThreadCpuSampler();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const [item] = await importEvidence(vault, signer, caseRef, [file]);
const seconds = (performance.now() - t0) / 1000;
// CPU of every thread of the process (the analysis worker included) during the import.
const cpu = process.cpuUsage(cpu0);
const perThread = threads.stop();
vault.close();
process.stdout.write(JSON.stringify({ seconds, records: item!.log!.records, findings: item!.log!.findings, pii: item!.log!.pii, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssKiB: process.resourceUsage().maxRSS, threads: perThread }) + '\n');
