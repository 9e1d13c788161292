// SPDX-License-Identifier: UNLICENSED
// Cross-tenant leakage (MITRE ATLAS AML.T0057, LLM Data Leakage): an identifier first seen in one
// tenant's records appears in the model's response to another tenant. State is one map entry per
// distinct identifier, keyed by a 52-bit hash of the normalised value (the value itself is never
// kept, so the rule's memory holds no PII); a collision would need ~10^7 distinct values to be
// likely at all.

export const CROSS_TENANT_ATLAS = 'AML.T0057';

export interface TenantIdentifier {
  /** "pii.email", "reference", "codename"… */
  kind: string;
  value: string;
  /** True when the identifier is in the model's response of this record. */
  inResponse: boolean;
  field?: string;
  start?: number;
  end?: number;
}

export interface CrossTenantLeak {
  /** The identifier served to the other tenant (first leaked one of the record). */
  leaked: TenantIdentifier;
  /** How many distinct identifiers of other tenants this response holds. */
  count: number;
  kinds: string[];
  firstTenant: string;
  firstRecord: number;
}

const SHARED = -1;
const MAX_TENANTS_SERVED = 3;

function hash52(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}

/** Spelling variants of one value map to one key: case for e-mail, separators for numbers. */
export function identifierKey(kind: string, value: string): number {
  let v = value;
  if (kind === 'pii.email') v = v.toLowerCase();
  else if (kind === 'pii.iban' || kind === 'pii.credit_card' || kind === 'pii.phone' || kind === 'pii.us_ssn') v = v.replace(/[\s().-]/g, '').toUpperCase();
  return hash52(`${kind}\u0000${v}`);
}

export class CrossTenantTracker {
  private readonly first = new Map<number, number>();
  private readonly tenants: string[] = [];
  private readonly tenantIds = new Map<string, number>();
  private readonly maxIdentifiers: number;
  /** Tenants each leaked identifier was served to: bounded by the number of leaks. */
  private readonly servedTo = new Map<number, number[]>();
  /** Distinct identifiers not tracked because the map was full. */
  untracked = 0;

  constructor(maxIdentifiers: number) {
    this.maxIdentifiers = maxIdentifiers;
  }

  get size(): number {
    return this.first.size;
  }

  private tenantId(tenant: string): number {
    let id = this.tenantIds.get(tenant);
    if (id === undefined) {
      id = this.tenants.length;
      this.tenants.push(tenant);
      this.tenantIds.set(tenant, id);
    }
    return id;
  }

  /** Notes the record's identifiers; returns the leak when its response serves another tenant's. */
  observe(record: number, tenant: string, ids: readonly TenantIdentifier[]): CrossTenantLeak | null {
    if (ids.length === 0) return null;
    const t = this.tenantId(tenant);
    const keys = ids.map((id) => identifierKey(id.kind, id.value));
    const inPrompt = new Set<number>();
    for (let i = 0; i < ids.length; i++) if (!ids[i]!.inResponse) inPrompt.add(keys[i]!);
    let leak: CrossTenantLeak | null = null;
    const counted = new Set<number>();
    for (let i = 0; i < ids.length; i++) {
      const key = keys[i]!;
      const seen = this.first.get(key);
      if (seen === undefined) {
        if (this.first.size < this.maxIdentifiers) this.first.set(key, t * 2 ** 32 + record);
        else this.untracked++;
        continue;
      }
      if (seen === SHARED) continue;
      const firstTenant = Math.floor(seen / 2 ** 32);
      if (firstTenant === t) continue;
      if (!ids[i]!.inResponse || inPrompt.has(key)) {
        // The other tenant's user typed it: both tenants know the value, so serving it later is no leak.
        this.first.set(key, SHARED);
        continue;
      }
      if (counted.has(key)) continue;
      counted.add(key);
      // A value served to many tenants is public (a support address, a published reference), not
      // one tenant's data: after the third tenant it is no longer reported.
      const served = this.servedTo.get(key) ?? [];
      if (!served.includes(t)) served.push(t);
      if (served.length > MAX_TENANTS_SERVED) {
        this.first.set(key, SHARED);
        this.servedTo.delete(key);
        continue;
      }
      this.servedTo.set(key, served);
      if (!leak) leak = { leaked: ids[i]!, count: 0, kinds: [], firstTenant: this.tenants[firstTenant]!, firstRecord: seen % 2 ** 32 };
      leak.count++;
      if (!leak.kinds.includes(ids[i]!.kind)) leak.kinds.push(ids[i]!.kind);
    }
    return leak;
  }
}
