/**
 * Shared folders that another local user cannot plant: caches, run directories and locks
 * live in places such as `/dev/shm` or `/tmp`, where anyone may create a name first. A
 * folder is created without following a symlink at its name, then checked (a real
 * directory, owned by this user or an expected one, not writable by group or others, in a
 * parent that others cannot rename it out of); when the check fails, a private per-user
 * folder is used instead and the runner says so once.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { messages } from './messages';
import { processKeys, processRegistry } from './processKeys';

/** How a shared folder is made and checked. */
export interface SafeDirectoryOptions {
  /** Mode when this call creates it (default 0o700); an existing folder keeps its own. */
  mode?: number;
  /** Owners accepted besides this process's user (e.g. the uid a server runs as). */
  owners?: number[];
  /** This process's user (default `process.getuid()`); tests pass another. */
  uid?: number;
}

const STICKY = 0o1000;

function currentUid(options: SafeDirectoryOptions): number | undefined {
  return options.uid ?? process.getuid?.();
}

function checkEntry(target: string, directory: boolean, options: SafeDirectoryOptions): string | null {
  const uid = currentUid(options);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(target);
  } catch (error) {
    return messages.cannotCreate((error as NodeJS.ErrnoException).code ?? String(error));
  }
  if (st.isSymbolicLink()) return messages.isSymlink();
  if (directory ? !st.isDirectory() : !st.isFile()) return directory ? messages.notDirectory() : messages.notFile();
  if (uid === undefined) return null; // Windows: no uids to compare
  if (st.uid !== uid && !(options.owners ?? []).includes(st.uid)) return messages.foreignOwner(st.uid);
  if (st.mode & 0o022) return messages.writableByOthers(st.mode);
  const parent = path.dirname(path.resolve(target));
  try {
    const up = fs.statSync(parent);
    if (up.mode & 0o002 && !(up.mode & STICKY)) return messages.unsafeParent(parent);
  } catch {
    // the parent vanished meanwhile: the lstat above already saw a good entry
  }
  return null;
}

/**
 * Why `target` is not safe to use as this user's shared folder, or null when it is. Reads
 * the name itself (`lstat`), never what a symlink points at.
 *
 * @param target - the folder to check.
 * @param options - the accepted owners.
 * @returns one clause saying what is wrong, or null.
 * @example
 * ```ts
 * const reason = checkDirectory('/dev/shm/trial-ts-1000');
 * if (reason) throw new Error(`not safe: ${reason}`);
 * ```
 */
export function checkDirectory(target: string, options: SafeDirectoryOptions = {}): string | null {
  return checkEntry(target, true, options);
}

/**
 * Why the file `target` (a lock, a marker) is not to be trusted, or null: the same checks as
 * {@link checkDirectory}, for a regular file.
 *
 * @param target - the file to check.
 * @param options - the accepted owners.
 * @returns one clause saying what is wrong, or null.
 * @example
 * ```ts
 * if (checkFile('_trial_temp.lock') !== null) fs.rmSync('_trial_temp.lock', { force: true }); // removes a link, not its target
 * ```
 */
export function checkFile(target: string, options: SafeDirectoryOptions = {}): string | null {
  return checkEntry(target, false, options);
}

/**
 * Create `target` (its parents as needed) without following a symlink at its own name, and
 * check it ({@link checkDirectory}).
 *
 * @param target - the folder.
 * @param options - mode and accepted owners.
 * @returns why it cannot be used, or null when it is ready.
 * @example
 * ```ts
 * if (ensureSafeDirectory('/tmp/trial-ts-cache-1000', { mode: 0o700 }) === null) useIt();
 * ```
 */
export function ensureSafeDirectory(target: string, options: SafeDirectoryOptions = {}): string | null {
  const mode = options.mode ?? 0o700;
  let created = false;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // mkdir never follows a symlink at the final name: a planted link is EEXIST, then lstat sees it.
    fs.mkdirSync(target, { mode });
    created = true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') return messages.cannotCreate(code ?? String(error));
  }
  const reason = checkDirectory(target, options);
  if (reason === null && created) fs.chmodSync(target, mode); // the umask may have narrowed it
  return reason;
}

/**
 * This user's private cache folder: `$XDG_CACHE_HOME/trial-ts`, else
 * `<cwd>/node_modules/.cache/trial-ts` when the project has node_modules, else
 * `~/.cache/trial-ts`.
 *
 * @param cwd - the project folder (default: `process.cwd()`).
 * @param env - the environment (default: `process.env`).
 * @returns an absolute path (not created).
 * @example
 * ```ts
 * const dir = privateCacheDirectory(); // e.g. /home/me/project/node_modules/.cache/trial-ts
 * ```
 */
export function privateCacheDirectory(cwd: string = process.cwd(), env: Record<string, string | undefined> = process.env): string {
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'trial-ts');
  const local = path.join(cwd, 'node_modules');
  if (fs.existsSync(local)) return path.join(local, '.cache', 'trial-ts');
  return path.join(os.homedir(), '.cache', 'trial-ts');
}

/**
 * `preferred` when it is safe ({@link ensureSafeDirectory}); else `fallback`, made
 * private (0700), after saying once per process and folder why `preferred` was passed over.
 *
 * @param preferred - the shared folder to use when it is safe.
 * @param fallback - the private folder to use otherwise (see {@link privateCacheDirectory}).
 * @param options - mode and owners of `preferred`; `onNote` receives the one-time note
 *   (default: standard error).
 * @returns the folder to use, created.
 * @throws Error when the fallback is not safe either (the message names both folders).
 * @example
 * ```ts
 * const cache = safeDirectoryOr(path.join(os.tmpdir(), 'trial-ts-1000'), privateCacheDirectory(), { mode: 0o711 });
 * ```
 */
export function safeDirectoryOr(
  preferred: string,
  fallback: string,
  options: SafeDirectoryOptions & { onNote?: (line: string) => void } = {},
): string {
  const reason = ensureSafeDirectory(preferred, options);
  if (reason === null) return preferred;
  const fallbackReason = ensureSafeDirectory(fallback, { ...options, mode: 0o700, owners: [] });
  if (fallbackReason !== null) throw new Error(`neither ${preferred} (${reason}) nor ${fallback} (${fallbackReason}) can be used`);
  noteOnce(preferred, messages.fallback(preferred, reason, fallback), options.onNote ?? ((line) => void process.stderr.write(`${line}\n`)));
  return fallback;
}

/**
 * Hand `line` to `onNote` the first time this process passes over the folder `key`: a
 * shared folder that was not used is said once per run, whichever part of the runner met it.
 *
 * @param key - the folder passed over.
 * @param line - the note.
 * @param onNote - where the note goes.
 * @example
 * ```ts
 * noteOnce('/dev/shm/trial-ts-1000', 'not using /dev/shm/trial-ts-1000: …', (line) => log.add(line));
 * ```
 */
export function noteOnce(key: string, line: string, onNote: (line: string) => void): void {
  const noted = processRegistry(processKeys.unsafeDirectoriesNoted, () => new Set<string>());
  if (noted.has(key)) return;
  noted.add(key);
  onNote(line);
}
