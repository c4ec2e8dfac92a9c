/**
 * `TestCase`: a test class whose setUp, tests, cleanups and tearDown may return a
 * `Promise` or a `Deferred`; the runner waits for each on the real event loop, each phase
 * with its own timeout (`@timeout(seconds)` or `static timeout`, default 120 s).
 *
 * @packageDocumentation
 */
import { SynchronousTestCase, TEST_CASE_BRAND, TEST_INTERNALS } from './synchronousTestCase';

/**
 * The asynchronous test class: phases may return a promise or a Deferred.
 *
 * @example
 * ```ts
 * import { TestCase } from 'trial-ts';
 *
 * export class ServerTests extends TestCase {
 *   async test_greets() {
 *     const reply = await fetchGreeting();
 *     this.assertEqual(reply, 'hello');
 *   }
 * }
 * ```
 */
export class TestCase extends SynchronousTestCase {
  /** @internal Marks a library base class: discovery skips it and collects no methods from it. */
  static override readonly [TEST_CASE_BRAND] = true;

  /**
   * @param methodName - the test method this instance runs.
   */
  constructor(methodName = '') {
    super(methodName);
    this[TEST_INTERNALS]().synchronous = false;
  }
}
