/**
 * The unprivileged identity a server runs as when the runner is root (PostgreSQL refuses
 * root). Never creates OS users.
 *
 * @packageDocumentation
 */
import { execFileSync } from 'node:child_process';
import { EnvironmentError } from '../errors/runnerError';

/** A uid/gid pair to run a server as. */
export interface ServerIdentity {
  uid: number;
  gid: number;
  /** The user name when known (for messages). */
  user?: string;
}

/** `runAs` of `postgres()`: `'auto'`, a user name, or ids. */
export type RunAs = 'auto' | { user: string } | { uid: number; gid: number };

/** Look up a user's ids with `id`, which exists on Linux and macOS. @internal */
export function lookupUser(user: string): ServerIdentity | null {
  try {
    const opts = { encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'ignore'] as Array<'ignore' | 'pipe'>, timeout: 5000 };
    const uid = Number(execFileSync('id', ['-u', user], opts).trim());
    const gid = Number(execFileSync('id', ['-g', user], opts).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid, user } : null;
  } catch {
    return null;
  }
}

/**
 * Who the server runs as: `null` (as the runner itself) unless the runner is root; then the
 * configured identity, else `TRIAL_PG_USER`, else `postgres` when it exists, else `nobody`.
 *
 * @param runAs - the configured choice.
 * @param isRoot - whether the runner is root (default: `process.getuid() === 0`).
 * @param lookup - user lookup (tests pass a fake).
 * @returns the identity, or `null` to run as the runner.
 * @throws EnvironmentError naming the user when a configured user does not exist.
 * @internal
 */
export function resolveServerIdentity(
  runAs: RunAs = 'auto',
  isRoot: boolean = process.getuid?.() === 0,
  lookup: (user: string) => ServerIdentity | null = lookupUser,
): ServerIdentity | null {
  if (!isRoot) return null;
  if (typeof runAs === 'object' && 'uid' in runAs) return { uid: runAs.uid, gid: runAs.gid };
  const wanted = typeof runAs === 'object' ? [runAs.user] : [process.env.TRIAL_PG_USER, 'postgres', 'nobody'].filter((u): u is string => !!u);
  for (const user of wanted) {
    const found = lookup(user);
    if (found) return found;
  }
  throw new EnvironmentError(
    `the runner is root and PostgreSQL refuses to run as root, but no unprivileged user was found (tried ${wanted.join(', ')}); ` +
      'create one (`useradd --system postgres`) or set runAs: { uid, gid }',
    'TRIAL_NO_SERVER_USER',
  );
}
