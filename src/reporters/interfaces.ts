/**
 * Contracts of the reporters. A reporter sees only events (src/runner/events.ts) and
 * a small context; it never imports the runner, the workers or the test classes.
 *
 * @packageDocumentation
 */
import type { RunnerEvent } from '../runner/events';

/**
 * Colour functions. Factories stay synchronous: `openReporters` (or the caller) loads
 * chalk once with `await import('chalk')` and passes these in the context; without a
 * palette, or when `color` is false, reporters print plain text.
 */
export interface Palette {
  /** Successes, `PASSED`. */
  green(text: string): string;
  /** Failures, errors, unexpected successes, `FAILED`. */
  red(text: string): string;
  /** Skips and expected failures. */
  blue(text: string): string;
  /** Warnings and infrastructure lines (crashed workers, sidecars). */
  yellow(text: string): string;
  /** Headers. */
  bold(text: string): string;
  /** Secondary detail (durations). */
  dim(text: string): string;
}

/** What a reporter may know of its surroundings. */
export interface ReporterContext {
  /**
   * Write to the reporter's destination (stdout, or the file given as `name:FILE`).
   * Text reporters pass strings; binary ones (subunit) pass bytes, so the destination
   * must accept both (`process.stdout.write` and `fs.writeSync` do).
   */
  write(chunk: string | Uint8Array): void;
  /** The destination is a terminal. */
  isTTY: boolean;
  /** Use ANSI colours (a TTY, unless NO_COLOR / --no-color; or FORCE_COLOR). */
  color: boolean;
  /** Colour functions, used only when `color` is true; see {@link Palette}. */
  palette?: Palette;
  /** Width of the terminal, or 80. */
  columns: number;
  /** The run's working directory; paths in events are relative to it. */
  cwd: string;
  /** Options from the command line that change what a reporter prints. */
  options: ReporterOptions;
  /**
   * The environment the reporter may consult (the `github` reporter reads
   * `GITHUB_STEP_SUMMARY`). Defaults to none: reporters never read `process.env`.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** The wall clock in ms since the epoch (default `Date.now`); injected for reproducible output. */
  now?: () => number;
}

/** Command-line options reporters read. */
export interface ReporterOptions {
  /** `--rterrors`: print each failure's traceback as soon as the test ends. */
  realtimeErrors: boolean;
  /** `--durations N`: list the N slowest tests after the summary (0: off). */
  durations: number;
}

/** One reporter. `handle` is called for every event in order; `close` once at the end. */
export interface Reporter {
  handle(event: RunnerEvent): void;
  /** Flush and finish (after `run:end`, or on an interrupted run). */
  close(): Promise<void>;
}

/** Builds a reporter. */
export type ReporterFactory = (ctx: ReporterContext) => Reporter;

/** A registered reporter: its factory and the line `--help-reporters` prints. */
export interface ReporterEntry {
  factory: ReporterFactory;
  description: string;
  /** Binary output (subunit) may not go to a TTY. */
  binary?: boolean;
  /**
   * It may share stdout with another reporter: it writes only whole lines that the CI
   * interprets and hides (the `github` workflow commands), so it does not count
   * against "at most one reporter on stdout".
   */
  sharesStdout?: boolean;
}

/** A parsed `--reporter NAME[:FILE]` argument. */
export interface ReporterSpec {
  /** A key of the reporter table. */
  name: string;
  /** Where it writes, as given (relative to the cwd); absent for stdout. */
  path?: string;
}
