/**
 * The log of one sidecar: every line of its stdout and stderr, appended to
 * `<tempDir>/sidecars/<name>.log`, kept in a ring buffer for error messages, and indexed by
 * database so that a test's own server errors can be attached to it.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineSplitter } from './lineSplitter';
import { DETAIL_SEVERITIES, ERROR_SEVERITIES, parsePostgresLogLine } from './postgresLogLine';
import type { LogLinesOptions } from './interfaces';

interface IndexedLine {
  at: number;
  line: string;
  /** Kept by default: an error, or a detail line that explains one. */
  error: boolean;
}

const RING = 500;
const PER_DATABASE = 300;

/**
 * A sidecar's log. Writes synchronously (the volume is small, and a line written just
 * before a crash of the runner must reach the file).
 *
 * @internal
 */
export class SidecarLog {
  /** Absolute path of the log file. */
  readonly file: string;
  #fd: number | null;
  readonly #ring: string[] = [];
  readonly #byDatabase = new Map<string, IndexedLine[]>();
  readonly #listeners = new Set<(line: string) => void>();
  readonly #parse: boolean;
  /** pid → database of the last error line, so its DETAIL/STATEMENT lines follow it. */
  readonly #lastErrorOf = new Map<number, string>();

  /**
   * @param tempDir - the run's temp directory; the file is `<tempDir>/sidecars/<name>.log`.
   * @param name - the sidecar's name.
   * @param parsePostgres - index lines by database using trial-ts's postgres prefix.
   */
  constructor(tempDir: string, name: string, parsePostgres: boolean) {
    const dir = path.join(tempDir, 'sidecars');
    fs.mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, `${name}.log`);
    this.#fd = fs.openSync(this.file, 'w');
    this.#parse = parsePostgres;
  }

  /** A line splitter that feeds this log; one per stream, so lines never interleave mid-line. */
  splitter(): LineSplitter {
    return new LineSplitter((line) => this.add(line));
  }

  /** Record one line (from the service, or a note of the runner's starting with `[trial-ts]`). */
  add(line: string): void {
    if (this.#fd !== null) {
      try {
        fs.writeSync(this.#fd, line + '\n');
      } catch {
        // A full disk must not take the run down; the ring buffer still has the line.
      }
    }
    this.#ring.push(line);
    if (this.#ring.length > RING) this.#ring.shift();
    if (this.#parse) this.#index(line);
    for (const listener of this.#listeners) listener(line);
  }

  #index(line: string): void {
    const parsed = parsePostgresLogLine(line);
    if (!parsed || parsed.database === undefined) return;
    let error = ERROR_SEVERITIES.has(parsed.severity);
    if (error) this.#lastErrorOf.set(parsed.pid, parsed.database);
    else if (DETAIL_SEVERITIES.has(parsed.severity)) error = this.#lastErrorOf.get(parsed.pid) === parsed.database;
    else this.#lastErrorOf.delete(parsed.pid);
    let lines = this.#byDatabase.get(parsed.database);
    if (!lines) this.#byDatabase.set(parsed.database, (lines = []));
    lines.push({ at: Date.now(), line, error });
    if (lines.length > PER_DATABASE) lines.shift();
  }

  /** Call `listener` with every line added from now on; returns a function that removes it. */
  onLine(listener: (line: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The last `count` lines (default 50). */
  tail(count = 50): string[] {
    return this.#ring.slice(-count);
  }

  /** {@inheritDoc StartedSidecar.logLinesFor} */
  linesFor(database: string, since: number, options: LogLinesOptions = {}): string[] {
    const lines = this.#byDatabase.get(database) ?? [];
    return lines.filter((l) => l.at >= since && (options.all || l.error)).map((l) => l.line);
  }

  /** Close the file. Later lines stay in memory only. Idempotent. */
  close(): void {
    if (this.#fd !== null) {
      const fd = this.#fd;
      this.#fd = null;
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
    }
  }
}
