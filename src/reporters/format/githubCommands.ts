/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`) with the
 * escaping the runner expects: `%`, CR and LF in the message; also `:` and `,` in
 * property values.
 *
 * @packageDocumentation
 */
import type { SourceLocation } from '../../runner/events';

/** Escape a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a command's property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * An `::error` command.
 *
 * @param title - shown as the annotation's title.
 * @param message - its body (newlines kept, encoded as `%0A`).
 * @param location - where to annotate; the run's summary when absent.
 * @param level - `warning` for what does not fail the run (a flaky pass).
 */
export function errorCommand(title: string, message: string, location?: SourceLocation, level: 'error' | 'warning' = 'error'): string {
  const properties: string[] = [];
  if (location !== undefined) {
    properties.push(`file=${escapeProperty(location.file)}`, `line=${location.line}`, `col=${location.column}`);
  }
  properties.push(`title=${escapeProperty(title)}`);
  return `::${level} ${properties.join(',')}::${escapeData(message)}`;
}

/** Text safe in a Markdown table cell: one line, pipes escaped. */
export function markdownCell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|').trim();
}
