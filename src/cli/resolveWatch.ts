/**
 * Resolves `--watch`, `--no-clear` and `--changed [REF]` and rejects the combinations
 * watch mode cannot honour (it decides itself what each run executes, in fresh workers).
 *
 * @packageDocumentation
 */
import type { CliOptions } from './options';
import { UsageError } from './usageError';
import { messages } from '../watch/messages';

/** The watch settings of a resolved config. */
export interface ResolvedWatch {
  /** The config file, if any: watch mode restarts when it changes, `--changed` then runs all. */
  configFile?: string;
  /** `--watch`: absent when not watching; `clear` clears the screen between runs (a terminal, no `--no-clear`). */
  watch?: { clear: boolean };
  /** `--changed [REF]`: absent when off; without `ref`, the uncommitted changes (or the last commit's). */
  changed?: { ref?: string };
}

/** Flags that watch mode cannot be combined with, and whether each was given. */
function watchConflicts(cli: CliOptions): [string, boolean][] {
  return [
    ['--changed', cli.changed !== undefined],
    ['--shard', cli.shard !== undefined],
    ['--until-failure', cli.untilFailure === true],
    ['--last-failed', cli.lastFailed === true],
    ['--dry-run', cli.dryRun === true],
    ['--debug', cli.debug === true],
    ['--in-process', cli.inProcess === true],
    ['--coverage', cli.coverage === true],
  ];
}

/**
 * The watch settings for a command line.
 *
 * @param cli - the parsed command line.
 * @param configFile - the loaded config file, if any.
 * @param isTTY - stdout is a terminal.
 * @returns the settings to merge into the resolved config.
 * @throws {@link UsageError} for `--watch` with a flag it cannot honour, or `--changed` with `--last-failed`.
 */
export function resolveWatch(cli: CliOptions, configFile: string | undefined, isTTY: boolean): ResolvedWatch {
  if (cli.watch) {
    const conflict = watchConflicts(cli).find(([, given]) => given);
    if (conflict !== undefined) throw new UsageError(messages.watchUnsupported(conflict[0]));
  }
  if (cli.changed !== undefined && cli.lastFailed === true) throw new UsageError(messages.changedUnsupported('--last-failed'));
  return {
    ...(configFile === undefined ? {} : { configFile }),
    ...(cli.watch === true ? { watch: { clear: cli.clear !== false && isTTY } } : {}),
    ...(cli.changed === undefined ? {} : { changed: cli.changed === true ? {} : { ref: cli.changed } }),
  };
}
