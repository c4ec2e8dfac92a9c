/**
 * Contracts of planning: what a run will execute, decided before any test runs — the
 * discovered files, the selection (`--last-failed`, `--shard`, `-k`), the order and how
 * many workers share the work. Planning opens nothing: the one thing it cannot do alone,
 * listing the tests of loaded files, it asks of a {@link TestLister} it is given.
 *
 * @packageDocumentation
 */
import type { RecordedDurations } from '../runner/durations';
import type { RunnerEvent, TestDescription } from '../runner/events';
import type { TestOrder, WorkUnit } from '../runner/interfaces';
import type { ShardSpec } from '../runner/shard';

/** The settings planning reads (a `Pick` of the resolved config). */
export interface PlanSettings {
  /** The run's cwd (absolute): test ids are relative to it. */
  cwd: string;
  /** Folders searched when no test is named. */
  roots: readonly string[];
  /** `--exclude` globs. */
  exclude: readonly string[];
  /** `-k`: the keyword expressions; applied where each file's tests are collected. */
  grep: readonly string[];
  shard?: ShardSpec;
  lastFailed: boolean;
  dryRun: boolean;
  order: TestOrder;
  /** Seed of `--order random`. */
  seed: number;
  /** Most workers to use (with `jobsAuto`, the machine's available parallelism). */
  jobs: number;
  /** `-j auto`: as many of `jobs` as the recorded durations say pay off. */
  jobsAuto: boolean;
  /** Run the tests in the runner's own thread, never in a worker. */
  inProcess: boolean;
}

/** What earlier runs recorded (the durations file), as planning reads it. */
export interface RunHistory {
  /** Earlier runs' durations, by test file. */
  durations: RecordedDurations;
  /** Ids of the tests that failed in the previous run. */
  lastFailed: ReadonlySet<string>;
}

/** The tests of some units, found by loading their files, and the events loading produced. */
export interface ListedTests {
  tests: TestDescription[];
  /** Collection warnings and errors, replayed to the reporters once the run starts. */
  events: RunnerEvent[];
}

/** Loads test files and lists their tests (the in-process runner does it for the session). */
export type TestLister = (units: readonly WorkUnit[]) => Promise<ListedTests>;

/** The files the command line named (or the roots hold), found before anything opens. */
export interface DiscoveredRun {
  /** One unit per file, or per `file.ts:Class[.method]` argument, in discovery order. */
  units: readonly WorkUnit[];
}

/** What the run executes: the value planning hands to the stages after it. */
export interface RunPlan {
  /** The work, in run order: one unit per file (and class, once tests were listed). */
  readonly units: readonly WorkUnit[];
  /** How many tests were selected, when planning listed them (`--shard`, `--last-failed`, `-n`). */
  readonly plannedTests?: number;
  /** What listing the tests reported (collection warnings), for the reporters after `run:start`. */
  readonly listingEvents: readonly RunnerEvent[];
  /** Workers that share the units; 0 runs them in the runner's own thread. */
  readonly workers: number;
  /** The `-j` the run asked for (after `-j auto`): more than one captures output per test. */
  readonly jobs: number;
  /**
   * Every test of every planned file is selected (no `-k`, shard, `--last-failed` or
   * `file:Class` argument): only then can snapshots no test asked for be called obsolete.
   */
  readonly wholeFiles: boolean;
}
