/**
 * What watch mode and `--changed` tell users, as one table.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

/** Watch mode's and `--changed`'s user-facing text. */
export const messages = {
  waiting: 'Waiting for file changes…',
  keyHelp: 'Keys: a run all · f run failed · p filter files · t filter tests (-k) · Enter re-run · q quit',
  plainHelp: 'Re-runs the affected tests on every change; Ctrl-C quits.',
  clearLine: '\r\u001b[2K',
  /** Clear the screen and the scrollback, and put the cursor home. */
  clearScreen: '\u001b[2J\u001b[3J\u001b[H',
  prompt: (kind: 'pattern' | 'grep', text: string) =>
    `\r\u001b[2K${kind === 'pattern' ? 'File name pattern' : 'Test name (-k expression)'} (Enter to apply, empty to clear, Esc to cancel): ${text}`,
  promptCancelled: 'Filter unchanged.',
  filters: (pattern: string | undefined, grep: string | undefined) =>
    [pattern === undefined ? '' : `files matching /${pattern}/`, grep === undefined ? '' : `tests matching -k ${grep}`].filter(Boolean).join(', '),
  changed: (files: readonly string[]) => `Changed: ${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''}`,
  nothingAffected: (files: readonly string[]) => `No test depends on ${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''}.`,
  configChanged: (file: string) => `${file} changed: reloading the config and running everything.`,
  noFailed: 'No test failed in the last run; nothing to re-run (a runs all).',
  noMatch: 'No test file matches the filters; change them with p and t.',
  badPattern: (pattern: string, reason: string) => `The file name pattern /${pattern}/ is not a regular expression (${reason}); the filter is unchanged.`,
  watchUnsupported: (flag: string) =>
    `--watch cannot be combined with ${flag}: watch mode runs each re-run in fresh workers and decides itself what to run. Leave ${flag} out.`,
  changedUnsupported: (flag: string) => `--changed cannot be combined with ${flag}; leave one of them out.`,
  notGit: (cwd: string, reason: string) =>
    `--changed asks git what changed, but git could not tell in ${cwd} (${reason}). Run it inside a git work tree with git installed, or leave --changed out.`,
  badRef: (ref: string, reason: string) => `--changed ${ref}: git does not know that revision (${reason}). Pass a branch, tag or commit, e.g. --changed main.`,
  noGraph: 'trial-ts: --changed: no module graph recorded yet (it is saved in the durations file by every full run); running all the tests.',
  configChangedSinceRef: (file: string) => `trial-ts: --changed: ${file} changed; running all the tests.`,
  nothingChanged: (against: string) => `trial-ts: --changed: no test is affected by the files changed ${against}.`,
} as const;
