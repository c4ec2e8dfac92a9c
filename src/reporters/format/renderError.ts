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
 * One line per leaked resource: type, description (with a count when several were made
 * at one line), where the user's code created it and through which library frame, how
 * to fix it; with `stacks`, the creation stack below each line.
 *
 * @param leaks - from `SerializedError.leaks`.
 * @param stacks - add each leak's filtered creation stack (JUnit, where the whole stack is wanted).
 * @returns lines, indented by two spaces.
 */
export function renderLeaks(leaks: readonly LeakReport[], stacks = false): string[] {
  return leaks.flatMap((leak) => {
    const via = leak.libraryFrame === undefined ? '' : ` (via ${formatLocation(leak.libraryFrame)})`;
    const where =
      leak.createdAt !== undefined
        ? `, created at ${formatLocation(leak.createdAt)}${via}`
        : leak.libraryFrame !== undefined
          ? `, created at ${formatLocation(leak.libraryFrame)} (no frame of your code was on the stack)`
          : '';
    const count = leak.count === undefined || leak.count < 2 ? '' : `${leak.count} x `;
    const description = leak.description.replace(/\.$/, '');
    const line = `  ${leak.resourceType}: ${count}${description}${where}. ${leak.hint}`;
    return stacks && leak.stack !== undefined ? [line, ...leak.stack.map((frame) => `      ${frame}`)] : [line];
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
  return renderErrorText(error, false);
}

/**
 * {@link renderError}, with each leak's creation stack below its line (JUnit carries the
 * whole filtered stack).
 *
 * @param error - a serialized error.
 * @returns the text, without a trailing newline.
 */
export function renderErrorWithLeakStacks(error: SerializedError): string {
  return renderErrorText(error, true);
}

function renderErrorText(error: SerializedError, leakStacks: boolean): string {
  const head = `${error.name}: ${error.message}`;
  const lines: string[] = [];
  if (error.leaks !== undefined && error.leaks.length > 0) {
    // The stack of a dirty-reactor error is the janitor's, and its message may list the
    // leaks in its own words: keep the message's first line and list the leaks once.
    lines.push(`${error.name}: ${error.message.split('\n')[0]}`, ...renderLeaks(error.leaks, leakStacks));
  } else {
    const stack = error.stack.trimEnd();
    lines.push(stack === '' ? head : stack);
    if (error.diff !== undefined && error.diff !== '' && !stack.includes(error.diff)) lines.push(error.diff.trimEnd());
  }
  if (error.cause !== undefined) lines.push(`Caused by: ${renderErrorText(error.cause, leakStacks)}`);
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
