/**
 * The plan stage: from the test arguments to the {@link RunPlan} — discover the files,
 * select the tests (`--last-failed`, `--shard`; `-k` is applied where each file's tests
 * are collected), put the files in order and decide how many workers share them.
 *
 * Discovery runs before the session opens anything, so a path that names nothing fails
 * with nothing to undo; selection by listed tests loads the test files, which needs the
 * run's temp directory, so it runs once the resources are open.
 *
 * @packageDocumentation
 */
import { seededRandom, shuffle } from '../runner/collect';
import { discover } from '../runner/discovery';
import type { WorkUnit } from '../runner/interfaces';
import { autoJobs } from '../workers/autoJobs';
import type { DiscoveredRun, PlanSettings, RunHistory, RunPlan, TestLister } from './interfaces';
import { selectTests } from './selectTests';

/**
 * Find the test files of a run.
 *
 * @param tests - the command line's test arguments; none means the config's roots.
 * @param settings - cwd, roots and `--exclude`.
 * @returns the discovered units.
 * @throws `TestNotFoundError` (`TRIAL_TEST_NOT_FOUND`) for an argument that names nothing.
 * @example
 * ```ts
 * const discovered = discoverRun(['test/test_a.ts'], config);
 * ```
 */
export function discoverRun(tests: readonly string[], settings: Pick<PlanSettings, 'roots' | 'cwd' | 'exclude'>): DiscoveredRun {
  return { units: discover(tests, settings.roots, settings.cwd, settings.exclude) };
}

/** Selection needs every test listed: a shard, the last failures and a dry run count tests, not files. */
function needsListing(settings: PlanSettings): boolean {
  return settings.shard !== undefined || settings.lastFailed || settings.dryRun;
}

/**
 * Plan the run: select, order and size it.
 *
 * @param discovered - what {@link discoverRun} found.
 * @param settings - the selection, order and `-j` settings.
 * @param history - what earlier runs recorded (for `--last-failed`, shard balance, `-j auto`).
 * @param listTests - loads files and lists their tests, used when selection counts tests.
 * @returns the plan the run executes.
 * @example
 * ```ts
 * const plan = await planRun(discoverRun(tests, config), config, history, resources.listTests);
 * ```
 */
export async function planRun(discovered: DiscoveredRun, settings: PlanSettings, history: RunHistory, listTests: TestLister): Promise<RunPlan> {
  let units: readonly WorkUnit[] = discovered.units;
  let plannedTests: number | undefined;
  let listingEvents: RunPlan['listingEvents'] = [];
  if (needsListing(settings)) {
    const listed = await listTests(units);
    const selection = selectTests(listed.tests, {
      cwd: settings.cwd,
      shard: settings.shard,
      lastFailed: settings.lastFailed ? history.lastFailed : undefined,
      durations: history.durations,
    });
    units = selection.units;
    plannedTests = selection.count;
    listingEvents = listed.events;
  }
  // Files in the order `--order random:SEED` gives them, the same for any `-j`.
  if (settings.order === 'random') units = shuffle([...units], seededRandom(settings.seed));
  const jobs = settings.jobsAuto ? autoJobs(settings.jobs, units, history.durations, settings.cwd) : settings.jobs;
  return { units, plannedTests, listingEvents, jobs, workers: workersFor(settings, units, jobs), wholeFiles: coversWholeFiles(discovered, settings) };
}

/**
 * Even one job runs in a worker: there a watchdog stops a synchronous loop and an
 * out-of-memory test is reported, where in-process either would end the run unreported.
 */
function workersFor(settings: PlanSettings, units: readonly WorkUnit[], jobs: number): number {
  if (settings.inProcess || settings.dryRun || units.length === 0) return 0;
  return Math.min(jobs, units.length);
}

/** Obsolete snapshots are only knowable when every test of a file was selected. */
function coversWholeFiles(discovered: DiscoveredRun, settings: PlanSettings): boolean {
  return settings.grep.length === 0 && settings.shard === undefined && !settings.lastFailed && discovered.units.every((unit) => unit.className === undefined);
}
