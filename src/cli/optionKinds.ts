/**
 * The kinds of value an option takes — on the command line (a parser for commander) and in
 * the config file (a check and the words an error uses) — shared by the rows of the
 * option table (optionTable.ts), so that one kind reads the same everywhere.
 *
 * @packageDocumentation
 */
import { InvalidArgumentError } from 'commander';
import type { PoolKind } from '../workers/interfaces';
import type { TestOrder } from '../runner/interfaces';
import type { LeakIgnoreRule } from '../janitor/interfaces';
import type { SidecarDefinition } from '../sidecar/interfaces';
import { parseShard, type ShardSpec } from '../runner/shard';

/** What a flag takes after it. A flag with no value kind is a switch (a boolean). */
export interface FlagValue<T> {
  /** The value as docs/cli.md names it (`N\|auto`); by default the flag's own `<arg>` in capitals. */
  readonly placeholder?: string;
  /** The allowed words; commander checks them and `--help` lists them. */
  readonly choices?: readonly string[];
  /**
   * Parse one command-line value; a repeatable flag gets the values so far as `previous`.
   *
   * @throws commander's `InvalidArgumentError`, which commander prints as a usage error.
   */
  readonly parse?: (text: string, previous: T | undefined) => T;
}

/** What a config key takes. */
export interface ConfigValue<T> {
  /** True when `value` is a valid setting. */
  readonly check: (value: unknown) => value is T;
  /** What the value must be, in words: both the error's "must be …" and the docs' type column. */
  readonly expected: string;
}

/** A kind that reads the same on the command line and in the config. */
export type ValueKind<T> = FlagValue<T> & ConfigValue<T>;

/** A value that is the same on both sides, with one parser and one check. */
function kind<T>(expected: string, check: (value: unknown) => boolean, parse?: (text: string, previous: T | undefined) => T, extra: Omit<FlagValue<T>, 'parse'> = {}): ValueKind<T> {
  return { expected, check: check as (value: unknown) => value is T, ...(parse === undefined ? {} : { parse }), ...extra };
}

/** A word of `choices`. */
function choice<T extends string>(choices: readonly T[]): ValueKind<T> {
  const words = choices.map((word) => `'${word}'`);
  const expected = `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  return kind<T>(expected, (v) => (choices as readonly unknown[]).includes(v), undefined, { choices, placeholder: choices.join('\\|') });
}

const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** A switch: given or not on the command line, `true` or `false` in the config. */
export const flag: ConfigValue<boolean> = { expected: 'true or false', check: (v): v is boolean => typeof v === 'boolean' };

/** A repeatable string: `--reporter a --reporter b`, or an array in the config. */
export function stringList(expected: string): ValueKind<string[]> {
  return kind<string[]>(expected, isStringList, (text, previous) => [...(previous ?? []), text]);
}

/** A non-empty string: a path, a folder name. */
export function text(expected: string): ValueKind<string> {
  return kind<string>(expected, isString, (value) => value);
}

/** A whole number of at least `min` (0 or 1). */
export function integer(min: 0 | 1, what: string): ValueKind<number> {
  const expected = min === 0 ? 'a non-negative integer' : 'a positive integer';
  return kind<number>(expected, (v) => Number.isInteger(v) && (v as number) >= min, (value) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isInteger(parsed) || parsed < min) throw new InvalidArgumentError(`${what} must be ${expected}.`);
    return parsed;
  });
}

/** Seconds, more than zero. */
export const seconds = kind<number>('a positive number of seconds', (v) => typeof v === 'number' && v > 0, (value) => {
  const parsed = Number(value);
  if (!(parsed > 0)) throw new InvalidArgumentError('the timeout must be a positive number of seconds.');
  return parsed;
});

/** `-j N|auto`; `auto` is resolved once the work is known (see `autoJobs`). */
export function parseJobs(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new InvalidArgumentError("Argument to jobs must be a strictly positive integer or 'auto'.");
  }
  return parsed;
}

/** Workers: a positive integer or `'auto'`. */
export const jobs = kind<number | 'auto'>(
  "a positive integer or 'auto'",
  (v) => v === 'auto' || (Number.isInteger(v) && (v as number) > 0),
  parseJobs,
  { placeholder: 'N\\|auto' },
);

/** The worker kind. */
/** `--changed [REF]`: the git ref as given; commander gives `true` when none follows. */
export const optionalRef: FlagValue<string | true> = { placeholder: '[REF]', parse: (text) => text };

export const poolKind: ValueKind<PoolKind> = choice<PoolKind>(['threads', 'processes']);

/** The order of the config; the command line adds a seed (see {@link orderArgument}). */
export const testOrder: ConfigValue<TestOrder> = choice<TestOrder>(['alphabetical', 'toptobottom', 'random']);

/** `--order alphabetical|toptobottom|random[:SEED]`. */
export function parseOrder(value: string): { order: TestOrder; seed?: number } {
  const [order, seed] = value.split(':', 2);
  if (order !== 'alphabetical' && order !== 'toptobottom' && order !== 'random') {
    throw new InvalidArgumentError('use alphabetical, toptobottom or random[:SEED].');
  }
  if (seed !== undefined && (order !== 'random' || !/^\d+$/.test(seed))) {
    throw new InvalidArgumentError('only random takes a seed, a non-negative integer: random:1234.');
  }
  return seed === undefined ? { order } : { order, seed: Number(seed) };
}

/** `--order`, with the seed of `random:SEED`. */
export const orderArgument: FlagValue<{ order: TestOrder; seed?: number }> = { parse: parseOrder };

/** `-z SEED`: a non-negative integer. */
export const seed: FlagValue<number> = {
  parse: (value) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError('the seed must be a non-negative integer.');
    return Number(value);
  },
};

/** `--shard I/N`, 1-based. */
export function parseShardOption(value: string): ShardSpec {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** `--shard I/N`. */
export const shard: FlagValue<ShardSpec> = { parse: parseShardOption };

const isLeakRule = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  Object.entries(v).every(([k, x]) => (k === 'kind' || k === 'createdIn') && typeof x === 'string');

/** The config's `leaks`: whether to check, and the deliberate leftovers. */
export const leaks = kind<{ check?: boolean; ignore?: LeakIgnoreRule[] }>('{ check?: boolean, ignore?: [{ kind?: string, createdIn?: string }] }', (v) => {
  if (typeof v !== 'object' || v === null) return false;
  const { check, ignore, ...rest } = v as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    (check === undefined || typeof check === 'boolean') &&
    (ignore === undefined || (Array.isArray(ignore) && ignore.every(isLeakRule)))
  );
});

/** The config's `sidecars`: names to definitions. */
export const sidecars = kind<Record<string, SidecarDefinition>>(
  'an object of postgres(...) / processSidecar(...) definitions',
  (v) => typeof v === 'object' && v !== null && Object.values(v).every((s) => typeof (s as SidecarDefinition)?.start === 'function'),
);

/** An object checked in depth by its own module (the config's `coverage`). */
export function object<T>(expected: string): ConfigValue<T> {
  return { expected, check: (v): v is T => typeof v === 'object' && v !== null && !Array.isArray(v) };
}
