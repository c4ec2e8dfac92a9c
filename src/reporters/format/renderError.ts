/**
 * Text of an error, its leaks and a test's captured output, as the human reporters
 * print them in the summary (and `--rterrors` prints them live).
 *
 * @packageDocumentation
 */
import type { CapturedOutput, LeakReport, SerializedError, SourceLocation } from '../../runner/events';

/** `file:line:column`. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/**
 * One line per leaked resource: type, description, where it was created, how to fix it.
 *
 * @param leaks - from `SerializedError.leaks`.
 * @returns lines, indented by two spaces.
 */
export function renderLeaks(leaks: readonly LeakReport[]): string[] {
  return leaks.map((leak) => {
    const where = leak.createdAt === undefined ? '' : `, created at ${formatLocation(leak.createdAt)}`;
    const description = leak.description.replace(/\.$/, '');
    return `  ${leak.resourceType}: ${description}${where}. ${leak.hint}`;
  });
}

/**
 * The traceback of an error: its stack (already source-mapped and trimmed), its diff
 * when the stack does not contain it, its leaks, and its cause.
 *
 * @param error - a serialized error.
 * @returns the text, without a trailing newline.
 */
export function renderError(error: SerializedError): string {
  const head = `${error.name}: ${error.message}`;
  const lines: string[] = [];
  if (error.leaks !== undefined && error.leaks.length > 0) {
    // The stack of a dirty-reactor error is the janitor's, and its message may list the
    // leaks in its own words: keep the message's first line and list the leaks once.
    lines.push(`${error.name}: ${error.message.split('\n')[0]}`, ...renderLeaks(error.leaks));
  } else {
    const stack = error.stack.trimEnd();
    lines.push(stack === '' ? head : stack);
    if (error.diff !== undefined && error.diff !== '' && !stack.includes(error.diff)) lines.push(error.diff.trimEnd());
  }
  if (error.cause !== undefined) lines.push(`Caused by: ${renderError(error.cause)}`);
  return lines.join('\n');
}

/**
 * What a test printed, under a heading per stream; empty streams are left out.
 *
 * @param output - the captured output of a test, if any.
 * @returns lines (none when nothing was printed).
 */
export function renderOutput(output: CapturedOutput | undefined): string[] {
  if (output === undefined) return [];
  const lines: string[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    const text = output[stream].replace(/\n$/, '');
    if (text !== '') lines.push(`Captured ${stream}:`, text);
  }
  return lines;
}
