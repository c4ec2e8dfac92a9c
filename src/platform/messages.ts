/**
 * The user-facing messages of the platform helpers: each says what happened and what the
 * runner did about it.
 *
 * Pure: imports nothing from Node.
 *
 * @internal
 * @packageDocumentation
 */

/** @internal */
export const messages = {
  isSymlink: (): string => 'it is a symbolic link (not followed)',
  notDirectory: (): string => 'it is not a directory',
  notFile: (): string => 'it is not a regular file',
  foreignOwner: (uid: number): string => `it belongs to uid ${uid}, not to this user`,
  writableByOthers: (mode: number): string => `it is writable by group or others (mode ${(mode & 0o7777).toString(8).padStart(4, '0')})`,
  unsafeParent: (parent: string): string => `its folder ${parent} is writable by others without the sticky bit, so they could replace it`,
  cannotCreate: (cause: string): string => `it could not be created (${cause})`,
  fallback: (dir: string, reason: string, instead: string): string =>
    `[trial-ts] not using ${dir}: ${reason}; another user may have made it. Using the private folder ${instead} instead ` +
    '(the shared folder is used again once it is gone: its owner or an administrator can remove it).',
};
