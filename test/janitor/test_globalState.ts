/** Snapshots of the timer globals and the cwd, their restoring, and the process.env watch. */
import { SynchronousTestCase } from 'trial-ts';
import { restoreGlobals, snapshotGlobals, watchEnv, WATCHED_GLOBALS } from '../../src/janitor/globalState';

export class GlobalStateTests extends SynchronousTestCase {
  /** Nothing changed: nothing named. */
  test_unchangedNamesNothing(): void {
    this.assertEqual(restoreGlobals(snapshotGlobals()), []);
  }

  /** A replaced setTimeout and Date are named and put back (the real ones are live again). */
  test_replacedTimersAreRestored(): void {
    const realSetTimeout = globalThis.setTimeout;
    const RealDate = globalThis.Date;
    const before = snapshotGlobals();
    globalThis.setTimeout = (() => 0) as unknown as typeof setTimeout;
    globalThis.Date = class extends RealDate {} as DateConstructor;
    try {
      this.assertEqual(restoreGlobals(before), ['setTimeout', 'Date']);
      this.assertIdentical(globalThis.setTimeout, realSetTimeout);
      this.assertIdentical(globalThis.Date, RealDate);
    } finally {
      globalThis.setTimeout = realSetTimeout;
      globalThis.Date = RealDate;
    }
  }

  /** performance.now and process.nextTick, which live on other objects, are watched too. */
  test_nestedGlobalsAreWatched(): void {
    const names = WATCHED_GLOBALS.map((entry) => entry.name);
    for (const name of ['setInterval', 'setImmediate', 'queueMicrotask', 'performance.now', 'process.hrtime', 'process.nextTick']) this.assertIn(name, names);
    const realTick = process.nextTick;
    const before = snapshotGlobals();
    process.nextTick = (() => undefined) as typeof process.nextTick;
    try {
      this.assertEqual(restoreGlobals(before), ['process.nextTick']);
      this.assertIdentical(process.nextTick, realTick);
    } finally {
      process.nextTick = realTick;
    }
  }
  /** Each watched global on its own, replaced and left: named alone and put back (nested ones keep their holder's other members). */
  test_eachWatchedGlobalIsNamedAndRestored(): void {
    for (const entry of WATCHED_GLOBALS) {
      const holder = entry.holder() as Record<string, unknown>;
      const real = holder[entry.key];
      // A stand-in that still carries what the nested slots read (`hrtime.bigint`, `performance.now`).
      const fake = typeof real === 'function' ? Object.assign(function fake() {}, real) : Object.create(real as object);
      const before = snapshotGlobals();
      holder[entry.key] = fake;
      try {
        this.assertEqual(restoreGlobals(before), [entry.name], entry.name);
        this.assertIdentical(holder[entry.key], real, entry.name);
      } finally {
        holder[entry.key] = real;
      }
    }
  }

  // A changed cwd: worker threads cannot chdir, so test_globalStateIntegration.ts checks it
  // end to end with --pool processes.
}

export class EnvWatchTests extends SynchronousTestCase {
  /** A variable set and left is named and restored; one set and put back is not named; reads go through. */
  test_changedVariablesAreNamedAndRestored(): void {
    const watch = watchEnv();
    try {
      watch.begin();
      process.env.TRIAL_ENV_WATCH_A = 'left';
      const home = process.env.HOME;
      process.env.HOME = '/elsewhere';
      process.env.HOME = home;
      this.assertEqual(process.env.TRIAL_ENV_WATCH_A, 'left');
      this.assertEqual(watch.end(), ['TRIAL_ENV_WATCH_A']);
      this.assertEqual(process.env.TRIAL_ENV_WATCH_A, undefined);
      this.assertEqual(process.env.HOME, home);
    } finally {
      watch.uninstall();
      delete process.env.TRIAL_ENV_WATCH_A;
    }
  }

  /** A deleted variable comes back; writes outside a test (no begin) are not watched. */
  test_deletedVariableComesBack(): void {
    process.env.TRIAL_ENV_WATCH_B = 'kept';
    const watch = watchEnv();
    try {
      process.env.TRIAL_ENV_WATCH_C = 'suite level';
      watch.begin();
      delete process.env.TRIAL_ENV_WATCH_B;
      this.assertEqual(watch.end(), ['TRIAL_ENV_WATCH_B']);
      this.assertEqual(process.env.TRIAL_ENV_WATCH_B, 'kept');
      this.assertEqual(process.env.TRIAL_ENV_WATCH_C, 'suite level');
    } finally {
      watch.uninstall();
      delete process.env.TRIAL_ENV_WATCH_B;
      delete process.env.TRIAL_ENV_WATCH_C;
    }
  }

  /** Replacing process.env with another object is named, and the watched one put back. */
  test_replacedEnvIsNamed(): void {
    const watch = watchEnv();
    const watched = process.env;
    try {
      watch.begin();
      process.env = { ...watched };
      this.assertSubstring('replaced', watch.end()[0]);
      this.assertIdentical(process.env, watched);
    } finally {
      watch.uninstall();
    }
  }
}
