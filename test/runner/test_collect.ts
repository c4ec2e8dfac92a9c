/**
 * Tests for src/runner/collect.ts: which exports are test classes, which methods are
 * tests, where they are declared, `-k` matching, the seeded random order, and
 * `collectTests` ordering and filtering.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import {
  collectTests,
  grepMatcher,
  hashString,
  isTestClass,
  seededRandom,
  sourcePositions,
  testMethodNames,
  type CollectOptions,
} from '../../src/runner/collect';
import { SynchronousTestCase as SourceTestCase } from '../../src/unittest/synchronousTestCase';
import { TestCase as SourceAsyncTestCase } from '../../src/unittest/testCase';

// Test classes for collection: not exported, so the runner does not run them itself.
class BaseSuite extends SourceTestCase {
  test_base(): void {}
  helper(): void {}
}

class ChildSuite extends BaseSuite {
  test_zeta(): void {}
  test_alpha(): void {}
  override test_base(): void {}
  get test_getter(): number {
    return 1;
  }
}
Object.defineProperty(ChildSuite.prototype, 'test_data', { value: 42 });

class Second extends SourceTestCase {
  test_b(): void {}
  test_a(): void {}
}

class First extends SourceTestCase {
  test_only(): void {}
}

class Many extends SourceTestCase {
  test_1(): void {}
  test_2(): void {}
  test_3(): void {}
  test_4(): void {}
  test_5(): void {}
  test_6(): void {}
  test_7(): void {}
  test_8(): void {}
}

class Empty extends SourceTestCase {
  notATest(): void {}
}

/** Source text declaring Second before First, and test_b before test_a. */
const SOURCE = [
  'import { SynchronousTestCase } from "trial-ts";', // 1
  '', // 2
  'export class Second extends SynchronousTestCase {', // 3
  '  test_b(): void {}', // 4
  '  async test_a(): Promise<void> {}', // 5
  '}', // 6
  'export class First extends SynchronousTestCase {', // 7
  '  test_only() {}', // 8
  '}', // 9
  '',
].join('\n');

export class IsTestClassTests extends SynchronousTestCase {
  /** A user's subclass is a test class, direct or indirect. */
  test_userSubclassIsTestClass(): void {
    this.assertTrue(isTestClass(BaseSuite));
    this.assertTrue(isTestClass(ChildSuite));
  }

  /** SynchronousTestCase itself is not a user's test class. */
  test_baseClassIsNot(): void {
    this.assertFalse(isTestClass(SourceTestCase));
  }

  /** TestCase, the library's other base class, is not a user's test class either. */
  test_asyncBaseClassIsNot(): void {
    this.assertFalse(isTestClass(SourceAsyncTestCase));
  }

  /** Plain classes, functions and other values are not test classes. */
  test_otherValuesAreNot(): void {
    class Plain {
      test_x(): void {}
    }
    for (const value of [Plain, () => 1, {}, null, undefined, 'ChildSuite', 3]) this.assertFalse(isTestClass(value));
  }
}

export class TestMethodNamesTests extends SynchronousTestCase {
  /** Own and inherited test methods, base first, in definition order; helpers, getters and data ignored. */
  test_inheritedInDefinitionOrder(): void {
    this.assertEqual(testMethodNames(ChildSuite), ['test_base', 'test_zeta', 'test_alpha']);
  }

  /** A class with no test methods has none; the library's own methods are never tests. */
  test_noTests(): void {
    this.assertEqual(testMethodNames(Empty), []);
  }
}

export class SourcePositionsTests extends SynchronousTestCase {
  /** Classes and their test methods are found with 1-based line numbers. */
  test_positions(): void {
    const positions = sourcePositions(SOURCE);
    this.assertEqual([...positions.classes], [
      ['Second', 3],
      ['First', 7],
    ]);
    this.assertEqual([...positions.methods], [
      ['Second.test_b', 4],
      ['Second.test_a', 5],
      ['First.test_only', 8],
    ]);
  }

  /** Empty source has no positions. */
  test_emptySource(): void {
    const positions = sourcePositions('');
    this.assertEqual(positions.classes.size + positions.methods.size, 0);
  }
}

export class GrepMatcherTests extends SynchronousTestCase {
  /** No pattern matches everything. */
  test_noPatternMatchesAll(): void {
    this.assertTrue(grepMatcher([])('anything'));
  }

  /** A plain pattern is a substring, ignoring case (pytest's rule). */
  test_substring(): void {
    const matches = grepMatcher(['Parser']);
    this.assertTrue(matches('test/test_p.ts:ParserTests.test_x'));
    this.assertTrue(matches('test/test_p.ts:parserTests.test_x'));
    this.assertFalse(matches('test/test_p.ts:LexerTests.test_x'));
  }

  /** /regex/flags is a regular expression with its flags. */
  test_regex(): void {
    this.assertTrue(grepMatcher(['/parser.*_x$/i'])('ParserTests.test_x'));
    this.assertFalse(grepMatcher(['/parser.*_x$/'])('ParserTests.test_x'));
    this.assertFalse(grepMatcher(['/^test_x/'])('ParserTests.test_x'));
  }

  /** Several patterns match when any one matches. */
  test_severalPatterns(): void {
    const matches = grepMatcher(['Alpha', '/Beta$/']);
    this.assertTrue(matches('x:Alpha.test'));
    this.assertTrue(matches('x:Beta'));
    this.assertFalse(matches('x:Gamma'));
  }
}

export class SeededRandomTests extends SynchronousTestCase {
  /** The same seed gives the same sequence, in [0, 1). */
  test_sameSeedSameSequence(): void {
    const a = seededRandom(1234);
    const b = seededRandom(1234);
    const first = Array.from({ length: 20 }, () => a());
    this.assertEqual(Array.from({ length: 20 }, () => b()), first);
    this.assertTrue(first.every((x) => x >= 0 && x < 1));
  }

  /** Different seeds give different sequences. */
  test_differentSeedsDiffer(): void {
    this.assertNotEqual(seededRandom(1)(), seededRandom(2)());
  }

  /** hashString is stable and tells different strings apart, as an unsigned 32-bit number. */
  test_hashString(): void {
    this.assertEqual(hashString('test/test_a.ts'), hashString('test/test_a.ts'));
    this.assertNotEqual(hashString('test/test_a.ts'), hashString('test/test_b.ts'));
    const hash = hashString('x');
    this.assertTrue(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 32);
    this.assertEqual(hashString(''), 2166136261);
  }
}

export class CollectTestsTests extends SynchronousTestCase {
  #cwd = '';
  #file = '';

  override setUp(): void {
    this.#cwd = this.mktemp();
    fs.mkdirSync(path.join(this.#cwd, 'test'), { recursive: true });
    this.#file = path.join(this.#cwd, 'test', 'test_sample.ts');
    fs.writeFileSync(this.#file, SOURCE);
  }

  #options(overrides: Partial<CollectOptions> = {}): CollectOptions {
    return { cwd: this.#cwd, order: 'alphabetical', seed: 0, grep: [], ...overrides };
  }

  /** Alphabetical order sorts classes and methods by name; ids are relative to cwd. */
  test_alphabetical(): void {
    const classes = collectTests({ Second, First, Empty }, { file: this.#file }, this.#options());
    this.assertEqual(classes.map((c) => c.name), ['First', 'Second']);
    this.assertEqual(classes[1].tests.map((t) => t.id), ['test/test_sample.ts:Second.test_a', 'test/test_sample.ts:Second.test_b']);
    this.assertIdentical(classes[1].cls, Second);
  }

  /** Test descriptions carry file, class, method and the declared line. */
  test_descriptions(): void {
    const [first] = collectTests({ First }, { file: this.#file }, this.#options());
    this.assertEqual(first.tests, [
      {
        id: 'test/test_sample.ts:First.test_only',
        file: 'test/test_sample.ts',
        className: 'First',
        methodName: 'test_only',
        location: { file: 'test/test_sample.ts', line: 8, column: 1 },
      },
    ]);
  }

  /** toptobottom follows the source lines of classes and methods. */
  test_topToBottom(): void {
    const classes = collectTests({ First, Second }, { file: this.#file }, this.#options({ order: 'toptobottom' }));
    this.assertEqual(classes.map((c) => c.name), ['Second', 'First']);
    this.assertEqual(classes[0].tests.map((t) => t.methodName), ['test_b', 'test_a']);
  }

  /** random:SEED is reproducible, and some other seed gives another order. */
  test_randomReproducible(): void {
    const order = (seed: number) =>
      collectTests({ Many, First, Second }, { file: this.#file }, this.#options({ order: 'random', seed })).flatMap((c) =>
        c.tests.map((t) => t.id),
      );
    const once = order(42);
    this.assertEqual(order(42), once);
    this.assertEqual([...once].sort(), [...order(0)].sort());
    this.assertTrue([1, 2, 3, 4, 5].some((seed) => order(seed).join() !== once.join()));
  }

  /** className keeps only that class. */
  test_classNameFilter(): void {
    const classes = collectTests({ First, Second }, { file: this.#file, className: 'Second' }, this.#options());
    this.assertEqual(classes.map((c) => c.name), ['Second']);
  }

  /** methodNames keeps only those methods of the class. */
  test_methodNamesFilter(): void {
    const classes = collectTests({ First, Second }, { file: this.#file, className: 'Second', methodNames: ['test_b'] }, this.#options());
    this.assertEqual(classes.flatMap((c) => c.tests.map((t) => t.methodName)), ['test_b']);
  }

  /** excludeIds drops those tests, and a class left without tests is dropped. */
  test_excludeIds(): void {
    const classes = collectTests(
      { First, Second },
      { file: this.#file, excludeIds: ['test/test_sample.ts:First.test_only', 'test/test_sample.ts:Second.test_a'] },
      this.#options(),
    );
    this.assertEqual(classes.flatMap((c) => c.tests.map((t) => t.id)), ['test/test_sample.ts:Second.test_b']);
  }

  /** -k patterns filter test ids. */
  test_grepFilter(): void {
    const classes = collectTests({ First, Second }, { file: this.#file }, this.#options({ grep: ['/test_[ab]$/'] }));
    this.assertEqual(classes.map((c) => c.name), ['Second']);
  }

  /** A class exported twice (and through a CommonJS default object) is collected once. */
  test_duplicateExportsOnce(): void {
    const classes = collectTests({ First, Alias: First, default: { First } }, { file: this.#file }, this.#options());
    this.assertEqual(classes.length, 1);
  }

  /** An unreadable source file still collects tests, without locations. */
  test_missingSourceNoLocation(): void {
    const [first] = collectTests({ First }, { file: path.join(this.#cwd, 'gone.ts') }, this.#options());
    this.assertEqual(first.tests[0].location, undefined);
    this.assertEqual(first.tests[0].id, 'gone.ts:First.test_only');
  }
}
