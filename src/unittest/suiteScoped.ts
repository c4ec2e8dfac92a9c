/**
 * `suiteScoped(obj)`: mark an object made at suite level (in `setUpClass`, or at module
 * top level) as suite state, so that what it creates later — a connection pool opening a
 * socket lazily during a test, its idle timer — belongs to the suite, not to the test that
 * happened to trigger it, and is never reported as that test's leak.
 *
 * Every method call on the returned proxy runs in the suite's async context. Use it for
 * long-lived shared clients (`pg.Pool`, an HTTP agent, a Redis client); resources a test
 * creates itself are still checked.
 *
 * @packageDocumentation
 */
import { processKeys } from '../platform/processKeys';

const RUN_IN_SUITE = processKeys.runInSuite;

type SuiteRunner = <T>(fn: () => T) => T;

function suiteRunner(): SuiteRunner {
  const runner = (globalThis as Record<symbol, unknown>)[RUN_IN_SUITE] as SuiteRunner | undefined;
  return runner ?? ((fn) => fn());
}

/**
 * Wrap a suite-level object so that its methods run at suite level.
 *
 * @param target - the shared object (a pool, a client, an agent).
 * @returns a proxy of `target` whose method calls run in the suite's async context.
 * @example
 * ```ts
 * let pool: Pool;
 * export class UsersTests extends TestCase {
 *   static setUpClass() {
 *     pool = suiteScoped(new Pool({ connectionString: sidecar('db').connectionString }));
 *   }
 *   static async tearDownClass() { await pool.end(); }
 *   async test_count() {
 *     const { rows } = await pool.query('SELECT count(*) FROM users'); // its socket is not a leak
 *   }
 * }
 * ```
 */
export function suiteScoped<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => suiteRunner()(() => (value as (...a: unknown[]) => unknown).apply(object, args));
    },
  });
}
