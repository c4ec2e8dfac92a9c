/**
 * The test files under a folder, found with a plain recursive `readdir`: the same answer
 * as discovery's fast-glob patterns (`**\/test_*.<ext>`, `**\/*.test.<ext>`; no dot
 * entries, node_modules, `_trial_temp*` or `.d.ts`; symlinks followed), without loading
 * fast-glob and its ~60 modules, which cost a one-file run more than the search itself.
 * Discovery keeps fast-glob for what globs are needed for: `exclude` patterns.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Folder names never searched (besides dot folders). */
function isIgnoredFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('_trial_temp');
}

/**
 * Whether a relative path has a part the walk never enters, so that a search from a
 * folder with one (`trial-ts node_modules/x`) is left to the globs, which decide it.
 *
 * @param relative - a path relative to the run's cwd.
 * @returns true when one of its folders is a dot folder, node_modules or `_trial_temp*`.
 */
export function hasIgnoredPart(relative: string): boolean {
  return relative.split(/[\\/]/).some((part) => part !== '' && part !== '.' && part !== '..' && (part.startsWith('.') || isIgnoredFolder(part)));
}

/**
 * A matcher of test file names for the given extensions: `test_*.<ext>` or
 * `*.test.<ext>`, not a declaration file, not a dot file.
 *
 * @param extensions - without the dot, e.g. `['ts', 'js']`.
 * @returns the predicate on a file's base name.
 */
export function testFileName(extensions: readonly string[]): (name: string) => boolean {
  const alternatives = extensions.join('|');
  const pattern = new RegExp(`^(?:test_.*|.+\\.test)\\.(?:${alternatives})$`);
  const declaration = /\.d\.(?:ts|mts|cts|tsx)$/;
  return (name) => !name.startsWith('.') && pattern.test(name) && !declaration.test(name);
}

/**
 * Every test file under `folder`, absolute, sorted.
 *
 * @param folder - absolute path of an existing folder.
 * @param isTestFile - the name matcher (see {@link testFileName}).
 * @returns the files, through the paths the folder tree shows (symlinks not resolved).
 */
export function walkTestFiles(folder: string, isTestFile: (name: string) => boolean): string[] {
  const found: string[] = [];
  // Real paths of the folders being walked (this one and those above it): a symlink back
  // up the tree is not entered again. A folder reached by two paths side by side is
  // walked through both, as the globs do.
  const walking = new Set<string>();
  const visit = (dir: string): void => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(dir);
      if (walking.has(real)) return;
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable or gone: as the globs, find nothing there
    }
    walking.add(real);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      let kind: 'file' | 'folder' | 'other' = entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'other';
      if (entry.isSymbolicLink()) kind = followedKind(full);
      if (kind === 'folder' && !isIgnoredFolder(entry.name)) visit(full);
      else if (kind === 'file' && isTestFile(entry.name)) found.push(full);
    }
    walking.delete(real);
  };
  visit(folder);
  return found.sort();
}

function followedKind(link: string): 'file' | 'folder' | 'other' {
  try {
    const stat = fs.statSync(link);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'other'; // a broken link is no test file
  }
}
