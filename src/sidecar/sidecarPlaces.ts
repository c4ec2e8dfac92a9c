/**
 * Where a run's sidecar files go, on a machine other users share: the run directories and
 * the caches (initdb'd clusters, embedded binaries) live in `<root>/trial-ts-<uid>` (mode
 * 0711: only this user writes, the server's user may pass through), created without
 * following a symlink and checked before use. When another user made that name first (or
 * planted a symlink there), it is left alone: run directories are then made with random
 * names directly in the root, the caches move to this user's private cache folder (or,
 * when the server's user cannot reach that, into the run directory for this run only), and
 * the runner says so once.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDirectory, ensureSafeDirectory, noteOnce, privateCacheDirectory } from '../platform';
import { messages as platformMessages } from '../platform/messages';
import { firstUnsearchable } from './runDirectory';
import type { ServerIdentity } from './serverIdentity';

/** The folders one start uses. @internal */
export interface SidecarPlaces {
  /** Where run directories are made (with random names). */
  runParent: string;
  /** Where caches live; `null`: in each run directory, for that run only. */
  cacheRoot: string | null;
}

/**
 * Choose (and create) the folders for a start under `root`.
 *
 * @param root - from `chooseRunRoot()`, e.g. `/dev/shm`.
 * @param identity - who the server runs as (`null`: the runner).
 * @param onNote - receives the line, once per process and folder, when the shared folder is passed over.
 * @param cwd - the project folder, for the private cache fallback.
 * @returns the folders.
 * @internal
 */
export function chooseSidecarPlaces(root: string, identity: ServerIdentity | null, onNote: (line: string) => void, cwd = process.cwd()): SidecarPlaces {
  const uid = process.getuid?.() ?? 'user';
  const base = path.join(root, `trial-ts-${uid}`);
  const reason = ensureSafeDirectory(base, { mode: 0o711 });
  if (reason === null) {
    const cacheRoot = path.join(base, 'pg-cache');
    const cacheReason = ensureSafeDirectory(cacheRoot, { mode: 0o711 });
    return { runParent: base, cacheRoot: cacheReason === null ? cacheRoot : null };
  }
  const privateBase = privateCacheDirectory(cwd);
  const privateRoot = path.join(privateBase, 'pg-cache');
  const privateReason = ensureSafeDirectory(privateRoot, { mode: identity ? 0o711 : 0o700 });
  if (privateReason === null && identity) letServerPass(privateBase, privateRoot);
  const reachable = privateReason === null && (!identity || firstUnsearchable(privateRoot, identity.uid, identity.gid) === null);
  const instead = reachable ? privateRoot : 'in each run directory (this run only, nothing cached)';
  noteOnce(base, platformMessages.fallback(base, reason, instead), onNote);
  return { runParent: root, cacheRoot: reachable ? privateRoot : null };
}

/**
 * Give the server's user the search (not the read) bit on this user's own private cache
 * folders, as the shared layout's 0711 does: another part of the runner (the transform
 * cache's fallback) may have made `privateBase` first, private (0700), and the server could
 * then not reach its cluster cache.
 */
function letServerPass(privateBase: string, privateRoot: string): void {
  const uid = process.getuid?.();
  for (const dir of [privateBase, privateRoot]) {
    try {
      const st = fs.lstatSync(dir);
      if (st.isDirectory() && st.uid === uid && (st.mode & 0o011) !== 0o011) fs.chmodSync(dir, (st.mode & 0o7777) | 0o011);
    } catch {
      // Not ours or gone: the reachability check below decides.
    }
  }
}

/**
 * Where a start's notes go: the sidecar's log, and standard error, since the user must see
 * that a shared folder was passed over.
 *
 * @param log - the sidecar's log.
 * @returns the note writer.
 * @internal
 */
export function noteToUser(log: { add(line: string): void }): (line: string) => void {
  return (line) => {
    log.add(line);
    process.stderr.write(`${line}\n`);
  };
}

/**
 * Whether a cache entry or run directory may be used: a real folder owned by this user or
 * by the server's, not writable by others.
 *
 * @param dir - the entry.
 * @param identity - the server's user, whose entries count as own (`null`: the runner).
 * @returns whether it may be used.
 * @internal
 */
export function isOwnEntry(dir: string, identity: ServerIdentity | null): boolean {
  return checkDirectory(dir, { owners: identity ? [identity.uid] : [] }) === null;
}
