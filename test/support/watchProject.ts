/**
 * A copy of fixtures/watch in a temp folder, with trial-ts installed in its node_modules
 * as a project would have it, for the end-to-end tests of watch mode and `--changed`
 * (which edit its files). Also: waiting for output, and whether processes are alive.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, ROOT } from './runCli';

/**
 * Copy fixtures/watch into `folder` (created) and link trial-ts into its node_modules.
 *
 * @param folder - where the project goes.
 * @returns the project's folder.
 */
export function makeWatchProject(folder: string): string {
  fs.cpSync(path.join(FIXTURES, 'watch'), folder, { recursive: true });
  fs.mkdirSync(path.join(folder, 'node_modules'), { recursive: true });
  fs.symlinkSync(ROOT, path.join(folder, 'node_modules', 'trial-ts'), 'dir');
  return folder;
}

/**
 * Rewrite a file of the project the way editors that save by rename do: a new file
 * beside it, renamed over it.
 *
 * @param file - the file.
 * @param edit - the new text from the old.
 */
export function saveByRename(file: string, edit: (text: string) => string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.saving`);
  fs.writeFileSync(temp, edit(fs.readFileSync(file, 'utf8')));
  fs.renameSync(temp, file);
}

/**
 * Poll `read` until `pattern` matches, or fail after `timeoutMs` with what was read.
 *
 * @param read - returns the output so far.
 * @param pattern - what to wait for.
 * @param timeoutMs - how long to wait.
 * @returns the output that matched.
 */
export async function waitForOutput(read: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = read();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output so far:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether a process is alive; a zombie (tmux keeps a dead pane's shell unreaped) counts as gone. */
export { processAlive as isAlive } from '../sidecar/sidecarTestSupport';
