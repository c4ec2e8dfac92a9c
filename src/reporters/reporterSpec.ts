/**
 * `--reporter NAME[:FILE]`: parsing, and the checks the CLI runs before any test so a
 * bad argument is a usage error (exit 2) rather than a lost report after a long run.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReporterEntry, ReporterSpec } from './interfaces';
import { REPORTER_MESSAGES } from './messages';
import { isReporterName, reporters } from './registry';
import { ReporterSpecError } from './reporterSpecError';

/**
 * Parse one `--reporter` value: `tree`, `junit:reports/junit.xml`.
 *
 * @param spec - the argument.
 * @returns its name and optional path.
 * @throws ReporterSpecError for a missing or unknown name, or an empty path.
 * @example
 * ```ts
 * parseReporterSpec('junit:reports/x.xml'); // { name: 'junit', path: 'reports/x.xml' }
 * ```
 */
export function parseReporterSpec(spec: string): ReporterSpec {
  const colon = spec.indexOf(':');
  const name = (colon === -1 ? spec : spec.slice(0, colon)).trim();
  if (name === '') throw new ReporterSpecError(REPORTER_MESSAGES.emptyName(spec));
  if (!isReporterName(name)) throw new ReporterSpecError(REPORTER_MESSAGES.unknownName(name, Object.keys(reporters)));
  if (colon === -1) return { name };
  const file = spec.slice(colon + 1);
  if (file.trim() === '') throw new ReporterSpecError(REPORTER_MESSAGES.emptyPath(name));
  return { name, path: file };
}

/** The registry entry of a parsed spec. */
export function entryOf(spec: ReporterSpec): ReporterEntry {
  if (!isReporterName(spec.name)) throw new ReporterSpecError(REPORTER_MESSAGES.unknownName(spec.name, Object.keys(reporters)));
  return reporters[spec.name];
}

/** The stat of `file`, or undefined when it (or a folder on its way) does not exist. */
function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/**
 * Why `file` cannot be created or overwritten, or null when it can. Creates nothing:
 * the nearest existing ancestor must be a writable folder.
 *
 * @param file - an absolute path.
 */
export function whyNotWritable(file: string): string | null {
  try {
    const stat = statOrUndefined(file);
    if (stat?.isDirectory()) return 'it is a folder';
    if (stat !== undefined) {
      fs.accessSync(file, fs.constants.W_OK);
      return null;
    }
    let dir = path.dirname(file);
    for (;;) {
      const dirStat = statOrUndefined(dir);
      if (dirStat !== undefined) {
        if (!dirStat.isDirectory()) return `${dir} is not a folder`;
        fs.accessSync(dir, fs.constants.W_OK);
        return null;
      }
      const parent = path.dirname(dir);
      if (parent === dir) return 'no folder of it exists';
      dir = parent;
    }
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : String((error as Error).message);
  }
}

/** What the checks need to know of the run. */
export interface SpecCheckOptions {
  /** Relative paths are resolved against this folder. */
  cwd: string;
  /** stdout is a terminal (binary reporters may not write there). */
  stdoutIsTTY: boolean;
}

/**
 * Check reporter specs together: at most one reporter on stdout (the `github` reporter
 * may share it), no binary output to a terminal, no two reporters on one file, and every
 * file writable.
 *
 * @param specs - parsed `--reporter` values.
 * @param options - cwd and whether stdout is a terminal.
 * @throws ReporterSpecError naming the first problem.
 */
export function validateReporterSpecs(specs: readonly ReporterSpec[], options: SpecCheckOptions): void {
  let onStdout: string | null = null;
  const byFile = new Map<string, string>();
  for (const spec of specs) {
    const entry = entryOf(spec);
    if (spec.path === undefined) {
      if (entry.binary === true && options.stdoutIsTTY) throw new ReporterSpecError(REPORTER_MESSAGES.binaryToTerminal(spec.name));
      if (entry.sharesStdout === true) continue;
      if (onStdout !== null) throw new ReporterSpecError(REPORTER_MESSAGES.twoOnStdout(onStdout, spec.name));
      onStdout = spec.name;
      continue;
    }
    const file = path.resolve(options.cwd, spec.path);
    const other = byFile.get(file);
    if (other !== undefined) throw new ReporterSpecError(REPORTER_MESSAGES.samePath(other, spec.name, spec.path));
    byFile.set(file, spec.name);
    const why = whyNotWritable(file);
    if (why !== null) throw new ReporterSpecError(REPORTER_MESSAGES.notWritable(spec.name, spec.path, why));
  }
}
