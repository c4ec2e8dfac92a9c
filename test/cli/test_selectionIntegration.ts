/**
 * End-to-end tests of which tests a run selects and in what order: folders, files,
 * `file.ts:Class`, `file.ts:Class.testMethod`, several arguments, `-k` (words, regexes and
 * `and`/`or`/`not` expressions), `--exclude` and the config `exclude`, and `--order`,
 * over the suites in fixtures/selection and fixtures/ordering.
 */
import { TestCase } from 'trial-ts';
import { FIXTURES, runCli, type CliResult } from '../support/runCli';

const SELECTION = 'fixtures/selection';
const FIRST = `${SELECTION}/test_first.ts`;
const SECOND = `${SELECTION}/sub/second.test.ts`;
const ORDERING_FOLDER = 'fixtures/ordering';
const ORDERING = `${ORDERING_FOLDER}/test_order.ts`;

/** Every test id the `verbose` reporter printed, in order, duplicates included. */
function testIdsOf(stdout: string): string[] {
  return stdout.split('\n').flatMap((line) => {
    const match = /^(\S+) \.\.\. \[[A-Z!?]+\]$/.exec(line);
    return match === null ? [] : [match[1]];
  });
}

/** `fixtures/ordering` ids from short `Class.method` names. */
function ordering(...names: string[]): string[] {
  return names.map((name) => `${ORDERING}:${name}`);
}

/** Run with the verbose reporter and return the ids run, after checking the run passed. */
async function idsRun(test: TestCase, args: string[]): Promise<string[]> {
  const result = await runCli(['--reporter', 'verbose', ...args]);
  test.assertEqual(result.code, 0, result.stdout + result.stderr);
  return testIdsOf(result.stdout);
}

/** The files of a list of ids, each once, in first-seen order. */
function filesOf(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.slice(0, id.indexOf(':'))))];
}

/**
 * The shuffled runs of fixtures/ordering (three files) with seeds 7, 7 and 8, shared by
 * the tests that look at them: each run costs ~0.3 s.
 */
let shuffledRuns: Promise<CliResult[]> | undefined;
function runShuffled(): Promise<CliResult[]> {
  shuffledRuns ??= Promise.all(
    ['random:7', 'random:7', 'random:8'].map((order) => runCli(['--reporter', 'verbose', '--order', order, ORDERING_FOLDER])),
  );
  return shuffledRuns;
}

export class SelectionTests extends TestCase {
  /** A folder runs its `test_*` and `*.test.*` files (sub-folders too), sorted; other files are not loaded. */
  async test_folderFindsTestFilesSorted() {
    this.assertEqual(await idsRun(this, [SELECTION]), [
      `${SECOND}:SecondTests.test_only`,
      `${FIRST}:LexerTests.test_comments`,
      `${FIRST}:LexerTests.test_tokens`,
      `${FIRST}:ParserTests.test_parsesEmpty`,
      `${FIRST}:ParserTests.test_parsesNumbers`,
    ]);
  }

  /** `file.ts:Class` runs only that class. */
  async test_fileColonClass() {
    this.assertEqual(await idsRun(this, [`${FIRST}:ParserTests`]), [
      `${FIRST}:ParserTests.test_parsesEmpty`,
      `${FIRST}:ParserTests.test_parsesNumbers`,
    ]);
  }

  /** `file.ts:Class.testMethod` runs only that method. */
  async test_fileColonClassDotMethod() {
    this.assertEqual(await idsRun(this, [`${FIRST}:ParserTests.test_parsesNumbers`]), [`${FIRST}:ParserTests.test_parsesNumbers`]);
  }

  /** Several arguments run in the order given, each test once, however often it is named. */
  async test_argumentsKeepOrderWithoutDuplicates() {
    const ids = await idsRun(this, [`${FIRST}:ParserTests`, `${SELECTION}/sub`, `${FIRST}:ParserTests.test_parsesEmpty`, SECOND]);
    this.assertEqual(ids, [
      `${FIRST}:ParserTests.test_parsesEmpty`,
      `${FIRST}:ParserTests.test_parsesNumbers`,
      `${SECOND}:SecondTests.test_only`,
    ]);
  }

  /** A whole file absorbs a selection of one of its classes named before it. */
  async test_fileAbsorbsItsClass() {
    const ids = await idsRun(this, [`${FIRST}:LexerTests`, FIRST]);
    this.assertEqual(ids, [
      `${FIRST}:LexerTests.test_comments`,
      `${FIRST}:LexerTests.test_tokens`,
      `${FIRST}:ParserTests.test_parsesEmpty`,
      `${FIRST}:ParserTests.test_parsesNumbers`,
    ]);
  }
}

export class GrepTests extends TestCase {
  /** `-k TEXT` keeps the tests whose id contains TEXT. */
  async test_substring() {
    this.assertEqual(await idsRun(this, ['-k', 'Parser', SELECTION]), [
      `${FIRST}:ParserTests.test_parsesEmpty`,
      `${FIRST}:ParserTests.test_parsesNumbers`,
    ]);
  }

  /** `-k /regex/` matches the id against the regular expression. */
  async test_regex() {
    this.assertEqual(await idsRun(this, ['-k', '/test_(tokens|only)$/', SELECTION]), [
      `${SECOND}:SecondTests.test_only`,
      `${FIRST}:LexerTests.test_tokens`,
    ]);
  }

  /** Several `-k` keep a test that matches any of them. */
  async test_severalPatternsAreAlternatives() {
    this.assertEqual(await idsRun(this, ['-k', 'comments', '-k', '/Empty$/', SELECTION]), [
      `${FIRST}:LexerTests.test_comments`,
      `${FIRST}:ParserTests.test_parsesEmpty`,
    ]);
  }

  /** A `-k /regex/` that does not compile is a usage error (exit 2, one line) before anything runs. */
  async test_invalidRegexIsUsageError() {
    const result = await runCli(['-k', '/(/', SELECTION]);
    this.assertEqual({ code: result.code, stdout: result.stdout }, { code: 2, stdout: '' });
    this.assertIn('/(/', result.stderr);
  }
}

export class OrderTests extends TestCase {
  /** By default classes and methods run in alphabetical order, whatever the source order. */
  async test_defaultIsAlphabetical() {
    this.assertEqual(
      await idsRun(this, [ORDERING]),
      ordering(
        'AlphaTests.test_five', 'AlphaTests.test_four', 'AlphaTests.test_one', 'AlphaTests.test_three', 'AlphaTests.test_two',
        'MikeTests.test_first', 'MikeTests.test_second',
        'ZuluTests.test_apple', 'ZuluTests.test_banana', 'ZuluTests.test_kiwi', 'ZuluTests.test_mango', 'ZuluTests.test_zebra',
      ),
    );
  }

  /** `--order toptobottom` follows the source order of classes and methods. */
  async test_topToBottomFollowsSource() {
    this.assertEqual(
      await idsRun(this, ['--order', 'toptobottom', ORDERING]),
      ordering(
        'ZuluTests.test_zebra', 'ZuluTests.test_apple', 'ZuluTests.test_mango', 'ZuluTests.test_kiwi', 'ZuluTests.test_banana',
        'AlphaTests.test_two', 'AlphaTests.test_one', 'AlphaTests.test_three', 'AlphaTests.test_four', 'AlphaTests.test_five',
        'MikeTests.test_second', 'MikeTests.test_first',
      ),
    );
  }

  /** `--order random:SEED` prints the seed; a seed gives the same order every time, another seed another order. */
  async test_randomSeedIsReproducible() {
    const [first, again, other] = await runShuffled();
    for (const result of [first, again, other]) this.assertEqual(result.code, 0, result.stdout + result.stderr);
    this.assertTrue(first.stdout.startsWith('Running tests shuffled with seed 7\n\n'), first.stdout);
    this.assertTrue(other.stdout.startsWith('Running tests shuffled with seed 8\n\n'), other.stdout);
    const inOrderFile = (result: CliResult) => testIdsOf(result.stdout).filter((id) => id.startsWith(ORDERING));
    const order = inOrderFile(first);
    this.assertEqual(inOrderFile(again), order);
    this.assertNotEqual(inOrderFile(other), order);
    this.assertEqual(order.length, 12);
    this.assertEqual([...order].sort(), [...inOrderFile(other)].sort());
  }

  /** Trial shuffles every level, so with three files at least one of two seeds moves a file. */
  async test_randomShufflesFiles() {
    const [first, , other] = await runShuffled();
    const sorted = [ORDERING, `${ORDERING_FOLDER}/test_second.ts`, `${ORDERING_FOLDER}/test_third.ts`];
    this.assertEqual(filesOf(testIdsOf(first.stdout)).sort(), sorted);
    this.assertFalse(
      [first, other].every((result) => filesOf(testIdsOf(result.stdout)).join() === sorted.join()),
      'seeds 7 and 8 both kept the files sorted',
    );
  }

  /** The seed line is printed once per run, as Trial does. */
  async test_seedLinePrintedOnce() {
    const [first] = await runShuffled();
    this.assertEqual(first.stdout.split('Running tests shuffled with seed 7').length - 1, 1, first.stdout.slice(0, 120));
  }

  /** `--random 0` picks a seed and prints it; that seed reproduces the order. */
  async test_randomZeroPicksAndPrintsSeed() {
    const picked = await runCli(['--reporter', 'verbose', '--random', '0', ORDERING]);
    this.assertEqual(picked.code, 0, picked.stdout + picked.stderr);
    const seed = /^Running tests shuffled with seed (\d+)\n/.exec(picked.stdout)?.[1];
    this.assertTrue(seed !== undefined && seed !== '0', picked.stdout);
    this.assertEqual(await idsRun(this, ['--order', `random:${seed}`, ORDERING]), testIdsOf(picked.stdout));
  }
}

export class KeywordExpressionSelectionTests extends TestCase {
  /** `-k` ignores case, as pytest does. */
  async test_caseInsensitive() {
    this.assertEqual(await idsRun(this, ['-k', 'parser', SELECTION]), [
      `${FIRST}:ParserTests.test_parsesEmpty`,
      `${FIRST}:ParserTests.test_parsesNumbers`,
    ]);
  }

  /** `-k 'not X'` runs everything whose id lacks X. */
  async test_notExcludes() {
    this.assertEqual(await idsRun(this, ['-k', 'not lexer', SELECTION]), [
      `${SECOND}:SecondTests.test_only`,
      `${FIRST}:ParserTests.test_parsesEmpty`,
      `${FIRST}:ParserTests.test_parsesNumbers`,
    ]);
  }

  /** `and`, `or` and parentheses combine words. */
  async test_andOrParentheses() {
    this.assertEqual(await idsRun(this, ['-k', '(lexer or second) and not comments', SELECTION]), [
      `${SECOND}:SecondTests.test_only`,
      `${FIRST}:LexerTests.test_tokens`,
    ]);
  }

  /** A malformed expression is a usage error (exit 2) that says at which column. */
  async test_malformedIsUsageError() {
    const result = await runCli(['-k', 'parser and (lexer', SELECTION]);
    this.assertEqual({ code: result.code, stdout: result.stdout }, { code: 2, stdout: '' });
    this.assertIn("missing ')'", result.stderr);
    this.assertIn('column 18', result.stderr);
    this.assertNotIn('    at ', result.stderr);
  }
}

export class ExcludeTests extends TestCase {
  /** `--exclude GLOB` keeps matching files out of a folder search. */
  async test_excludeFlag() {
    this.assertEqual(await idsRun(this, ['--exclude', '**/sub/**', SELECTION]), [
      `${FIRST}:LexerTests.test_comments`,
      `${FIRST}:LexerTests.test_tokens`,
      `${FIRST}:ParserTests.test_parsesEmpty`,
      `${FIRST}:ParserTests.test_parsesNumbers`,
    ]);
  }

  /** The config's `exclude` applies, and `--exclude` adds to it (repeatable). */
  async test_configExcludeAndFlagAdd() {
    const cwd = `${FIXTURES}/excludeConfig`;
    const configOnly = await runCli(['--reporter', 'verbose'], { cwd });
    this.assertEqual(configOnly.code, 0, configOnly.stdout + configOnly.stderr);
    this.assertEqual(testIdsOf(configOnly.stdout), ['test/test_fast.ts:FastTests.test_quick', 'test/test_pg.ts:PgTests.test_query']);
    const both = await runCli(['--reporter', 'verbose', '--exclude', 'test/test_pg.ts'], { cwd });
    this.assertEqual(testIdsOf(both.stdout), ['test/test_fast.ts:FastTests.test_quick']);
    // Each --exclude adds a glob: with both, no file is left (exit 5, nothing selected).
    const twice = await runCli(['--reporter', 'verbose', '--exclude', 'test/test_pg.ts', '--exclude', 'test/*_fast.ts'], { cwd });
    this.assertEqual({ code: twice.code, ids: testIdsOf(twice.stdout) }, { code: 5, ids: [] });
  }
}
