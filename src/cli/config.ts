/**
 * The configuration file (`trial-ts.config.ts`, or `--config FILE`): how it is found and
 * loaded (TypeScript included), and its validation against the option table — an unknown or mistyped key is a usage error, never silently ignored.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importTestFile } from '../runner/loader/registerTypeScript';
import { optionRows, type ConfigName, type OptionTable } from './optionTable';
import type { ConfigValue } from './optionKinds';
import { UsageError } from './usageError';
import type { UserConfig } from './userConfig';

/** Config file names looked for in the cwd, in order. */
export const CONFIG_FILES = ['trial-ts.config.ts', 'trial-ts.config.mts', 'trial-ts.config.cts', 'trial-ts.config.js', 'trial-ts.config.mjs', 'trial-ts.config.cjs'];

/**
 * The config keys and what each takes: the option table's config rows. Typed both ways, so
 * that a row missing from {@link UserConfig}, or a field of it with no row or another type,
 * does not compile.
 */
const KEYS: ReadonlyMap<keyof UserConfig, ConfigValue<unknown>> = new Map(Object.entries(configRows()) as Array<[ConfigName, ConfigValue<unknown>]>);

/** The table's config kinds, by key, as {@link UserConfig} types them. */
function configRows(): { [K in keyof Required<UserConfig>]: ConfigValue<Required<UserConfig>[K]> } {
  const rows: { [K in ConfigName]: OptionTable[K]['config'] } = Object.fromEntries(
    optionRows().flatMap(([name, spec]) => (spec.config === undefined ? [] : [[name, spec.config]])),
  ) as { [K in ConfigName]: OptionTable[K]['config'] };
  return rows;
}

/** Check a loaded config's keys and types; throws a {@link UsageError} naming the first problem. */
export function validateConfig(value: unknown, file: string): UserConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${file} must export a config object (export default defineConfig({...})).`);
  }
  for (const [key, setting] of Object.entries(value)) {
    const rule = KEYS.get(key as keyof UserConfig);
    if (rule === undefined) {
      throw new UsageError(`${file}: unknown config key '${key}'. Known keys: ${[...KEYS.keys()].join(', ')}.`);
    }
    if (setting !== undefined && !rule.check(setting)) {
      throw new UsageError(`${file}: '${key}' must be ${rule.expected}.`);
    }
  }
  return value as UserConfig;
}

/**
 * Find and load the config: `--config FILE` when given (it must exist), else the first
 * of {@link CONFIG_FILES} in `cwd`, else an empty config.
 *
 * @throws {@link UsageError} when the file is missing, does not load, or is invalid.
 */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<{ config: UserConfig; file?: string }> {
  let file: string | undefined;
  if (explicit !== undefined) {
    file = path.resolve(cwd, explicit);
    if (!fs.existsSync(file)) throw new UsageError(`Config file ${explicit} does not exist.`);
  } else {
    file = CONFIG_FILES.map((name) => path.join(cwd, name)).find((candidate) => fs.existsSync(candidate));
    if (file === undefined) return { config: {} };
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = await importTestFile(file);
  } catch (error) {
    // A compile error's message is the compiler's diagnostic (the line, a caret): keep all
    // of it, as for test files. Other messages are one line; their stacks are not shown.
    const reason = error instanceof Error ? (error.name === 'SyntaxError' ? error.message.trimEnd() : error.message.split('\n')[0]) : String(error);
    throw new UsageError(`Config file ${path.relative(cwd, file) || file} could not be loaded: ${reason}`);
  }
  let value: unknown = loaded.default ?? loaded;
  if (typeof value === 'object' && value !== null && 'default' in value && Object.keys(value).length === 1) {
    value = (value as { default: unknown }).default;
  }
  return { config: validateConfig(value, path.relative(cwd, file) || file), file };
}
