/**
 * The janitor over real resources, driven the way the runner drives it (runInTest, then
 * collect), with its own hook sink for the length of each test.
 */
import { TestCase } from 'trial-ts';
import type { Janitor, TestScope } from '../../src/janitor/interfaces';
import { createJanitor } from '../../src/janitor/janitor';
import { isLive } from '../../src/janitor/liveness';

const CHECK = { check: true, ignore: [] };

export class JanitorTests extends TestCase {
  #janitor!: Janitor;
  #logged: unknown[] = [];

  override setUp(): void {
    this.#janitor = createJanitor({ cwd: process.cwd(), checkGlobals: false });
    this.addCleanup(() => this.#janitor.close());
  }

  #scope(id: string): TestScope {
    return { id, logError: (error) => this.#logged.push(error) };
  }

  /** A forgotten interval is one leak naming this file's line, and it is cleared. */
  async test_leakIsReportedAndClosed(): Promise<void> {
    const interval = this.#janitor.runInTest(this.#scope('t1'), () => setInterval(() => undefined, 60_000));
    const result = await this.#janitor.collect('t1', CHECK);
    this.assertEqual(result.leaks.length, 1);
    this.assertEqual(result.leaks[0].resourceType, 'Timeout');
    this.assertSubstring('test_janitor.ts', result.leaks[0].createdAt?.file ?? '');
    this.assertFalse(isLive('Timeout', interval));
  }

  /** A 1 ms timer settles within the turn bound: not a leak. */
  async test_shortTimerSettles(): Promise<void> {
    this.#janitor.runInTest(this.#scope('t2'), () => setTimeout(() => undefined, 1));
    const result = await this.#janitor.collect('t2', CHECK);
    this.assertEqual(result.leaks, []);
  }

  /**
   * The turn bound holds in the janitor: a timer due in 100 ms is judged a leak before it
   * fires (the default 4 turns take a few ms; without the bound the settle loop would wait
   * until it fired).
   */
  async test_settleStopsAtTheTurnBound(): Promise<void> {
    const timer = this.#janitor.runInTest(this.#scope('t7'), () => setTimeout(() => undefined, 100));
    const result = await this.#janitor.collect('t7', CHECK);
    this.assertEqual(result.leaks.map((leak) => leak.resourceType), ['Timeout']);
    this.assertFalse(isLive('Timeout', timer));
  }

  /** `settleTurns` is that bound: with 0 turns, even the 1 ms timer that settles by default is a leak. */
  async test_settleTurnsOption(): Promise<void> {
    const janitor = createJanitor({ cwd: process.cwd(), checkGlobals: false, settleTurns: 0 });
    this.addCleanup(() => janitor.close());
    janitor.runInTest(this.#scope('t8'), () => setTimeout(() => undefined, 1));
    this.assertEqual((await janitor.collect('t8', CHECK)).leaks.map((leak) => leak.resourceType), ['Timeout']);
  }

  /** An opted-out test's leftover is neither reported nor closed, and never charged to the next test. */
  async test_optedOutLeftoverIsRemembered(): Promise<void> {
    const interval = this.#janitor.runInTest(this.#scope('t3'), () => setInterval(() => undefined, 60_000));
    this.addCleanup(() => clearInterval(interval));
    this.assertEqual((await this.#janitor.collect('t3', { check: false, ignore: [] })).leaks, []);
    this.assertTrue(isLive('Timeout', interval));
    this.#janitor.runInTest(this.#scope('t4'), () => undefined);
    this.assertEqual((await this.#janitor.collect('t4', CHECK)).leaks, []);
  }

  /** What suite-level code creates is the baseline, not a leak of the next test. */
  async test_suiteResourcesAreBaseline(): Promise<void> {
    const interval = this.#janitor.runInSuite(() => setInterval(() => undefined, 60_000));
    this.addCleanup(() => clearInterval(interval));
    this.#janitor.runInTest(this.#scope('t5'), () => undefined);
    this.assertEqual((await this.#janitor.collect('t5', CHECK)).leaks, []);
  }

  /** Inside a test its scope is current; outside every test there is none, and nothing was logged or late. */
  async test_currentScopeAndLateErrors(): Promise<void> {
    const late: Array<[string | null, unknown]> = [];
    this.#janitor.onLateError((id, error) => late.push([id, error]));
    const inside = this.#janitor.runInTest(this.#scope('t6'), () => this.#janitor.currentScope());
    this.assertEqual(inside?.id, 't6');
    await this.#janitor.collect('t6', CHECK);
    this.assertEqual(this.#janitor.currentScope(), undefined);
    this.assertEqual(late, []);
    this.assertEqual(this.#logged, []);
  }
}

export class JanitorGlobalsTests extends TestCase {
  /** With the global check on, a replaced setTimeout is named by collect and put back. */
  async test_changedGlobalsAreNamed(): Promise<void> {
    const janitor = createJanitor({ cwd: process.cwd(), track: false });
    this.addCleanup(() => janitor.close());
    const real = globalThis.setTimeout;
    try {
      janitor.runInTest({ id: 'g1', logError: () => undefined }, () => {
        globalThis.setTimeout = (() => 0) as unknown as typeof setTimeout;
      });
      const result = await janitor.collect('g1', CHECK);
      this.assertEqual(result.changedGlobals, ['setTimeout']);
      this.assertIdentical(globalThis.setTimeout, real);
    } finally {
      globalThis.setTimeout = real;
    }
  }
}
