/**
 * Stack traces as users should see them: source-mapped (Node does the mapping once
 * `process.setSourceMapsEnabled(true)` is on in the thread) and trimmed of the frames of
 * Node's internals and of trial-ts itself, decided once here from a table of file
 * prefixes rather than by matching function names in a reporter.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';
import type { SourceLocation } from './events';

/** The folder trial-ts runs from (`dist/` when built, `src/` under the TS loader). */
const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Where `@trial-ts/runtime` is installed (this repository's packages/runtime, or the
 * user's node_modules): its frames are the library's too, since the real reactor's
 * `callLater` makes its Timeout there.
 */
export const RUNTIME_ROOT = path.dirname(require.resolve('@trial-ts/runtime/package.json'));

/**
 * Frames whose file starts with one of these belong to the runner or to Node, never to
 * the user: they are dropped from reported stacks and skipped when looking for the line
 * that created a leaked resource.
 */
export const RUNNER_FILE_PREFIXES: readonly string[] = [
  'node:',
  'internal/',
  path.join(PACKAGE_ROOT, 'dist') + path.sep,
  path.join(PACKAGE_ROOT, 'src') + path.sep,
  path.join(PACKAGE_ROOT, 'node_modules') + path.sep,
  path.join(PACKAGE_ROOT, 'bin') + path.sep,
  path.join(RUNTIME_ROOT, 'dist') + path.sep,
  path.join(RUNTIME_ROOT, 'src') + path.sep,
];

const FRAME_LOCATION = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?$/;

/** The file, line and column of one `    at ...` stack line, or null. */
export function parseFrame(frame: string): { file: string; line: number; column: number } | null {
  const match = FRAME_LOCATION.exec(frame.trim());
  if (match === null) return null;
  let file = match[1];
  if (file.startsWith('file://')) file = decodeURIComponent(new URL(file).pathname);
  return { file, line: Number(match[2]), column: Number(match[3]) };
}

/** The frame belongs to Node or to trial-ts. */
export function isRunnerFrame(frame: string): boolean {
  const location = parseFrame(frame);
  if (location === null) return frame.includes('(<anonymous>)') || frame.includes('node:internal');
  return RUNNER_FILE_PREFIXES.some((prefix) => location.file.startsWith(prefix));
}

/**
 * Drop runner and Node frames from a stack, keeping the message lines, and show paths
 * inside `cwd` relative to it. An error made by the runner itself (a timeout, a dirty
 * reactor) has no user frame at all: it keeps only its message.
 *
 * @param stack - a formatted stack.
 * @param cwd - the run's working directory; omitted, paths stay absolute.
 */
export function trimStack(stack: string, cwd?: string): string {
  const lines = stack.split('\n');
  const firstFrame = lines.findIndex((line) => line.trimStart().startsWith('at '));
  if (firstFrame === -1) return stack;
  const kept = lines.slice(firstFrame).filter((frame) => !frame.trimStart().startsWith('at ') || !isRunnerFrame(frame));
  const trimmed = [...lines.slice(0, firstFrame), ...kept].join('\n');
  return cwd === undefined ? trimmed : trimmed.split(cwd + path.sep).join('');
}

/**
 * The first frame of a stack that is the user's code, as a location relative to `cwd`.
 *
 * @param stack - a formatted stack (source-mapped by Node).
 * @param cwd - the run's working directory.
 */
export function firstUserLocation(stack: string, cwd: string): SourceLocation | undefined {
  for (const line of stack.split('\n')) {
    if (!line.trimStart().startsWith('at ') || isRunnerFrame(line)) continue;
    const location = parseFrame(line);
    if (location === null) continue;
    return { file: relativePath(cwd, location.file), line: location.line, column: location.column };
  }
  return undefined;
}

/** `file` relative to `cwd` when it is inside it, else unchanged. */
export function relativePath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
