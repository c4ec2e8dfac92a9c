/**
 * Parsing PostgreSQL log lines written with trial-ts's `log_line_prefix`, so lines can be
 * attributed to the database (and so the test) they belong to.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

/**
 * The `log_line_prefix` trial-ts sets: timestamp with ms, backend pid, then (only for
 * session processes, `%q`) `user@database`.
 *
 * @internal
 */
export const POSTGRES_LOG_LINE_PREFIX = '%m [%p] %q%u@%d ';

/** One parsed log line. */
export interface PostgresLogLine {
  /** The server's timestamp text, e.g. `2025-01-02 03:04:05.678 UTC`. */
  timestamp: string;
  /** The backend (or postmaster) pid. */
  pid: number;
  /** The session user; absent for background processes. */
  user?: string;
  /** The session database; absent for background processes. */
  database?: string;
  /** `LOG`, `ERROR`, `FATAL`, `PANIC`, `DETAIL`, `STATEMENT`, ... */
  severity: string;
  /** The text after `SEVERITY:  `. */
  message: string;
}

const LINE = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+) \[(\d+)\] (?:(\S*)@(\S*) )?([A-Z]+\d?):  (.*)$/;

/**
 * Parse one line. Continuation lines of a multi-line message (they start with a tab) and
 * lines written before the prefix applies return `null`.
 *
 * @param line - one line, without its newline.
 * @returns the parts, or `null` when the line has no prefix.
 * @internal
 */
export function parsePostgresLogLine(line: string): PostgresLogLine | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const parsed: PostgresLogLine = { timestamp: m[1]!, pid: Number(m[2]), severity: m[5]!, message: m[6]! };
  if (m[3] !== undefined) parsed.user = m[3];
  if (m[4] !== undefined && m[4] !== '[unknown]') parsed.database = m[4];
  return parsed;
}

/** Severities that make a line worth attaching to a test by default. @internal */
export const ERROR_SEVERITIES: ReadonlySet<string> = new Set(['ERROR', 'FATAL', 'PANIC']);

/** Severities that only explain the line before them (same backend). @internal */
export const DETAIL_SEVERITIES: ReadonlySet<string> = new Set(['DETAIL', 'HINT', 'CONTEXT', 'STATEMENT', 'QUERY', 'LOCATION']);

/**
 * Lines that mean a backend crashed and the postmaster terminated every session (or the
 * server is going down), so tests running now lost their connections.
 *
 * @internal
 */
export const POSTGRES_CRASH_LINE =
  /terminated by signal|was terminated by exception|terminating any other active server processes|all server processes terminated; reinitializing|\bPANIC:/;
