/**
 * `--changed [REF]`: which files git says changed. Without REF: the uncommitted changes
 * (staged, unstaged and untracked files), or, when the tree is clean, what the last
 * commit changed (so a CI job on a fresh checkout still checks its commit). With REF:
 * everything that differs between REF and the working tree, untracked files included.
 *
 * @packageDocumentation
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { WatchUsageError } from './watchUsageError';
import { messages } from './messages';

/** What git said changed, and against what (for messages). */
export interface ChangedFiles {
  /** Absolute paths, sorted; deleted files included. */
  files: string[];
  /** "since main", "since the last commit", "in the working tree". */
  against: string;
}

function git(cwd: string, args: string[], onError: (reason: string) => Error): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0];
    throw onError(stderr || (error as Error).message);
  }
}

/** NUL-separated names git printed, relative to the repository's top. */
function names(output: string): string[] {
  return output.split('\0').filter((name) => name !== '');
}

/**
 * The files changed according to git.
 *
 * @param cwd - a folder inside the work tree.
 * @param ref - the revision to compare with; undefined for the default (see the module comment).
 * @returns the changed files and a description of what they were compared with.
 * @throws WatchUsageError when git is missing, `cwd` is not in a work tree, or `ref` is unknown.
 */
export function changedFiles(cwd: string, ref: string | undefined): ChangedFiles {
  const notGit = (reason: string): Error => new WatchUsageError(messages.notGit(cwd, reason));
  const top = git(cwd, ['rev-parse', '--show-toplevel'], notGit).trim();
  // Paths are made absolute from the cwd as the run spells it (a symlinked checkout keeps its name).
  const prefix = git(cwd, ['rev-parse', '--show-prefix'], notGit).trim();
  const untracked = names(git(top, ['ls-files', '-z', '--others', '--exclude-standard'], notGit));
  const diff = (revision: string): string[] =>
    names(git(top, ['diff', '-z', '--name-only', '--no-renames', revision, '--'], (reason) => new WatchUsageError(messages.badRef(revision, reason))));
  let changed: string[];
  let against: string;
  if (ref !== undefined) {
    changed = [...diff(ref), ...untracked];
    against = `since ${ref}`;
  } else {
    changed = [...diff('HEAD'), ...untracked];
    against = 'in the working tree';
    if (changed.length === 0) {
      changed = names(git(top, ['diff-tree', '-z', '--no-commit-id', '--name-only', '--no-renames', '-r', '--root', 'HEAD'], notGit));
      against = 'by the last commit';
    }
  }
  const absolute = (name: string): string => path.resolve(cwd, path.posix.relative(prefix === '' ? '.' : prefix, name));
  return { files: [...new Set(changed.map(absolute))].sort(), against };
}
