// SPDX-License-Identifier: UNLICENSED
// Small runtime validators for what crosses the UI boundary (IPC and the loopback bridge). Every
// argument is untrusted: it comes from a renderer that may be compromised. A schema parses an
// unknown value into a typed one or throws EvaultError('BAD_INPUT') naming the path that is wrong.
// Objects are strict (unknown keys are refused), strings and arrays have upper bounds.
import { EvaultError } from '../errors.js';

export interface Schema<T> {
  parse(value: unknown, path?: string): T;
  /** Phantom member that makes Schema<T> invariant in T, so contract checks are exact. */
  readonly _type?: (value: T) => T;
}

/** Any schema, whatever it yields (for constraints; Schema<T> itself is invariant). */
export interface AnySchema {
  parse(value: unknown, path?: string): unknown;
}

export type Infer<S> = S extends { parse(value: unknown, path?: string): infer T } ? T : never;

function fail(path: string, what: string): never {
  throw new EvaultError('BAD_INPUT', `${path || 'argument'}: ${what}`);
}

export function str(o: { min?: number; max?: number; pattern?: RegExp } = {}): Schema<string> {
  const min = o.min ?? 0;
  const max = o.max ?? 4096;
  return {
    parse(v, path = '') {
      if (typeof v !== 'string') fail(path, 'must be text');
      if (v.length < min) fail(path, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
      if (v.length > max) fail(path, `must be at most ${max} characters`);
      if (o.pattern && !o.pattern.test(v)) fail(path, 'has an invalid format');
      return v;
    },
  };
}

export function int(o: { min?: number; max?: number } = {}): Schema<number> {
  const min = o.min ?? 0;
  const max = o.max ?? Number.MAX_SAFE_INTEGER;
  return {
    parse(v, path = '') {
      if (typeof v !== 'number' || !Number.isInteger(v)) fail(path, 'must be a whole number');
      if (v < min || v > max) fail(path, `must be between ${min} and ${max}`);
      return v;
    },
  };
}

export function bool(): Schema<boolean> {
  return {
    parse(v, path = '') {
      if (typeof v !== 'boolean') fail(path, 'must be true or false');
      return v;
    },
  };
}

export function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  return {
    parse(v, path = '') {
      if (typeof v !== 'string' || !values.includes(v)) fail(path, `must be one of ${values.join(', ')}`);
      return v as T[number];
    },
  };
}

export function optional<T>(s: Schema<T>): Schema<T | undefined> {
  return { parse: (v, path = '') => (v === undefined ? undefined : s.parse(v, path)) };
}

export function nullable<T>(s: Schema<T>): Schema<T | null> {
  return { parse: (v, path = '') => (v === null ? null : s.parse(v, path)) };
}

export function array<T>(item: Schema<T>, o: { min?: number; max?: number } = {}): Schema<T[]> {
  const min = o.min ?? 0;
  const max = o.max ?? 10_000;
  return {
    parse(v, path = '') {
      if (!Array.isArray(v)) fail(path, 'must be a list');
      if (v.length < min) fail(path, `must have at least ${min} item(s)`);
      if (v.length > max) fail(path, `must have at most ${max} items`);
      return v.map((x, i) => item.parse(x, `${path}[${i}]`));
    },
  };
}

type Shape = { [key: string]: AnySchema };
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> };
type Flatten<T> = { [K in keyof T]: T[K] };

export function object<S extends Shape>(shape: S): Schema<Flatten<ObjectOf<S>>> {
  return {
    parse(v, path = '') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must be an object');
      const input = v as Record<string, unknown>;
      for (const key of Object.keys(input)) if (!Object.hasOwn(shape, key)) fail(path ? `${path}.${key}` : key, 'is not expected');
      const out: Record<string, unknown> = {};
      for (const [key, s] of Object.entries(shape)) {
        const parsed = s.parse(input[key], path ? `${path}.${key}` : key);
        if (parsed !== undefined) out[key] = parsed;
      }
      return out as Flatten<ObjectOf<S>>;
    },
  };
}

/** The argument list of a method: exactly these positions, nothing more. */
export function args<const T extends readonly AnySchema[]>(...items: T): Schema<{ -readonly [K in keyof T]: Infer<T[K]> }> {
  return {
    parse(v, path = 'arguments') {
      if (!Array.isArray(v)) fail(path, 'must be a list');
      if (v.length > items.length) fail(path, `expected at most ${items.length}, got ${v.length}`);
      return items.map((s, i) => s.parse(v[i], items.length === 1 ? '' : `argument ${i + 1}`)) as { -readonly [K in keyof T]: Infer<T[K]> };
    },
  };
}
