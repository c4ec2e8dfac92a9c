/**
 * Tests for src/unittest/suiteScoped.ts: a suite-level object's lazily made resources are
 * suite state, and the proxy otherwise behaves as the object.
 */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { suiteScoped } from '../../src/unittest/suiteScoped';
import { outcomesOf } from '../support/outcomes';
import { runCli } from '../support/runCli';

export class SuiteScopedProxyTests extends SynchronousTestCase {
  /** Methods keep their `this` (the real object, so #private fields work) and return values. */
  test_methodsRunOnTheTarget() {
    class Counter {
      #count = 0;
      increment(by: number): number {
        this.#count += by;
        return this.#count;
      }
    }
    const counter = suiteScoped(new Counter());
    counter.increment(2);
    this.assertEqual(counter.increment(3), 5);
  }

  /** Plain properties read through unchanged. */
  test_propertiesPassThrough() {
    const scoped = suiteScoped({ name: 'pool', size: 2 });
    this.assertEqual([scoped.name, scoped.size], ['pool', 2]);
  }
}

export class SuiteScopedIntegrationTests extends TestCase {
  /** A suite-level client's lazy socket is no leak when wrapped, and is the first test's leak when not. */
  async test_lazySocketBelongsToTheSuite() {
    const file = 'fixtures/suiteScoped/test_lazyClient.ts';
    const result = await runCli(['--reporter', 'verbose', file]);
    this.assertEqual(outcomesOf(result.stdout), {
      [`${file}:ScopedClientTests.test_firstUseConnects`]: 'OK',
      [`${file}:ScopedClientTests.test_secondUseReuses`]: 'OK',
      [`${file}:UnscopedClientTests.test_firstUseConnects`]: 'ERROR',
    });
    this.assertIn('wrap that object with `suiteScoped(...)`', result.stdout);
  }
}
