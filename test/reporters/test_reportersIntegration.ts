/**
 * End-to-end tests of the reporters and sharding: the real CLI over fixtures/outcomes
 * (pass, fail, error, skip, todo, unexpected success, a leaked timer, output with
 * control characters and XML markup), each output checked by its real consumer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Parser } from 'tap-parser';
import { TestCase } from 'trial-ts';
import { normalizeOutput, runCli } from '../support/runCli';
import { hasTool, JUNIT_XSD, runTool, toolMissing } from './externalTools';

const FILE = 'fixtures/outcomes/test_outcomes.ts';
const IDS = [
  `${FILE}:LeakTests.test_leakedTimer`,
  `${FILE}:OutcomeTests.test_error`,
  `${FILE}:OutcomeTests.test_fail`,
  `${FILE}:OutcomeTests.test_markupOutput`,
  `${FILE}:OutcomeTests.test_pass`,
  `${FILE}:OutcomeTests.test_skip`,
  `${FILE}:OutcomeTests.test_todo`,
  `${FILE}:OutcomeTests.test_unexpectedSuccess`,
];
const VERDICT = 'FAILED (skips=1, expectedFailures=1, failures=2, errors=2, unexpectedSuccesses=1, successes=1)';

/** A fresh folder for report files. */
function reportsDir(test: TestCase): string {
  const dir = test.mktemp();
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The ids of the tests a JSON events file says ended. */
function endedIds(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((event) => event.type === 'test:end')
    .map((event) => event.test.id as string);
}

export class TreeIntegrationTests extends TestCase {
  /** The default tree: one line per test with its marker, the summary's closing lines, exit 1. */
  async test_treeLayoutAndVerdict(): Promise<void> {
    const result = await runCli(['-j', '2', 'fixtures/outcomes', '--durations', '2']);
    const lines = normalizeOutput(result.stdout).split('\n');
    this.assertEqual(result.code, 1);
    this.assertEqual(lines.slice(0, 11), [
      FILE,
      '  LeakTests',
      '    test_leakedTimer ...                                                [ERROR]',
      '  OutcomeTests',
      '    test_error ...                                                      [ERROR]',
      '    test_fail ...                                                        [FAIL]',
      '    test_markupOutput ...                                                [FAIL]',
      '    test_pass ...                                                          [OK]',
      '    test_skip ...                                                     [SKIPPED]',
      '    test_todo ...                                                        [TODO]',
      '    test_unexpectedSuccess ...                                     [SUCCESS!?!]',
    ]);
    const ran = lines.indexOf('Ran 8 tests in N.NNNs');
    this.assertEqual(lines.slice(ran - 1, ran + 5), ['-'.repeat(79), 'Ran 8 tests in N.NNNs', '', VERDICT, 'tests: 3 passed, 4 failed, 1 skipped', '']);
    this.assertEqual(lines[ran + 5], 'Slowest 2 tests:');
  }

  /** Under GitHub Actions, annotations point at the failing lines of the fixture. */
  async test_githubAnnotations(): Promise<void> {
    const dir = reportsDir(this);
    const summary = path.join(dir, 'step-summary.md');
    const result = await runCli(['fixtures/outcomes'], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    const annotations = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('::error '))
      .map((line) => line.slice(0, line.indexOf('::', 2)));
    const id = (name: string): string => `${FILE.replace(/:/g, '%3A')}%3A${name}`;
    this.assertEqual(annotations, [
      `::error file=${FILE},line=41,col=5,title=[ERROR] ${id('LeakTests.test_leakedTimer')}`,
      `::error file=${FILE},line=18,col=11,title=[ERROR] ${id('OutcomeTests.test_error')}`,
      `::error file=${FILE},line=14,col=10,title=[FAIL] ${id('OutcomeTests.test_fail')}`,
      `::error file=${FILE},line=35,col=10,title=[FAIL] ${id('OutcomeTests.test_markupOutput')}`,
      `::error file=${FILE},line=30,col=1,title=[SUCCESS!?!] ${id('OutcomeTests.test_unexpectedSuccess')}`,
    ]);
    this.assertEqual(fs.readFileSync(summary, 'utf8').split('\n')[0], '## trial-ts: FAILED');
  }
}

export class MachineReportersIntegrationTests extends TestCase {
  /** The JUnit file validates against the XSD and holds every outcome and the captured output. */
  async test_junitValid(): Promise<void> {
    if (!hasTool('xmllint')) toolMissing(this, 'xmllint is not installed (Debian: libxml2-utils)');
    const dir = reportsDir(this);
    const result = await runCli(['-j', '2', '--reporter', `junit:${dir}/reports/junit.xml`, '--reporter', 'text', 'fixtures/outcomes']);
    this.assertEqual(result.code, 1);
    const file = path.join(dir, 'reports', 'junit.xml');
    const lint = runTool('xmllint', ['--noout', '--schema', JUNIT_XSD, file]);
    this.assertEqual([lint.status, lint.stderr.trim()], [0, `${file} validates`]);
    const xml = fs.readFileSync(file, 'utf8');
    this.assertEqual(/<testsuites[^>]*>/.exec(xml)?.[0], '<testsuites name="trial-ts" tests="8" failures="3" errors="2" skipped="1" time="' + /time="([\d.]+)"/.exec(xml)?.[1] + '">');
    this.assertEqual(/<system-out>[^<]*/.exec(xml)?.[0], '<system-out>out &lt;b&gt;bold&lt;/b&gt; &amp; "quotes" ]]&gt; red bell\\x07 nul\\x00 end\n');
  }

  /** The TAP stream is read by tap-parser: 8 points, 5 failures, a skip and a todo. */
  async test_tapParsed(): Promise<void> {
    const result = await runCli(['--reporter', 'tap', 'fixtures/outcomes']);
    const parsed = await new Promise<Record<string, unknown>>((resolve) => new Parser((r) => resolve(r as unknown as Record<string, unknown>)).end(result.stdout));
    this.assertEqual(
      [result.code, parsed.count, parsed.pass, parsed.skip, parsed.todo, (parsed.failures as unknown[]).length],
      [1, 8, 2, 1, 1, 5],
    );
  }

  /** The subunit stream is read by python-subunit's subunit-stats. */
  async test_subunitStats(): Promise<void> {
    if (!hasTool('subunit-stats')) toolMissing(this, 'subunit-stats is not installed (Debian: subunit)');
    const dir = reportsDir(this);
    const result = await runCli(['--reporter', `subunit:${dir}/out.subunit`, '--reporter', 'dots', 'fixtures/outcomes']);
    this.assertEqual(result.code, 1);
    const stats = runTool('subunit-stats', [], fs.readFileSync(path.join(dir, 'out.subunit')));
    this.assertEqual(stats.stdout, 'Total tests:       8\nPassed tests:      3\nFailed tests:      4\nSkipped tests:     1\nSeen tags: worker-0\n');
  }
}

export class ReporterUsageIntegrationTests extends TestCase {
  /** An unknown reporter is exit 2 with one line on stderr, before any test runs. */
  async test_unknownReporter(): Promise<void> {
    const result = await runCli(['--reporter', 'xunit', 'fixtures/outcomes']);
    this.assertEqual([result.code, result.stdout, result.stderr], [
      2,
      '',
      "trial-ts: Unknown reporter 'xunit'; choose one of tree, verbose, text, dots, json, junit, tap, subunit, github (see --help-reporters).\n",
    ]);
  }

  /** Two reporters on stdout are exit 2. */
  async test_twoOnStdout(): Promise<void> {
    const result = await runCli(['--reporter', 'tree', '--reporter', 'tap', 'fixtures/outcomes']);
    this.assertEqual([result.code, result.stdout], [2, '']);
  }

  /** An unwritable report path is exit 2 and names the path. */
  async test_unwritablePath(): Promise<void> {
    const dir = reportsDir(this);
    fs.writeFileSync(path.join(dir, 'file'), '');
    const result = await runCli(['--reporter', `junit:${dir}/file/junit.xml`, 'fixtures/outcomes']);
    this.assertEqual([result.code, result.stdout], [2, '']);
    this.assertTrue(result.stderr.includes(`Cannot write the junit report to ${dir}/file/junit.xml`), result.stderr);
  }
}

/**
 * A durations file of the shard's own, as each CI machine starts from the same cached file:
 * the project's shared one changes under concurrent runs, and with it the partition.
 */
function ownDurations(dir: string, name: string): string[] {
  return ['--durations-file', path.join(dir, `durations-${name}.json`)];
}

export class ShardIntegrationTests extends TestCase {
  /** For N = 1..3, the shards run disjoint sets of tests that together are the whole suite. */
  async test_shardsPartitionTheSuite(): Promise<void> {
    const dir = reportsDir(this);
    for (let total = 1; total <= 3; total++) {
      const all: string[] = [];
      for (let index = 1; index <= total; index++) {
        const file = path.join(dir, `shard-${index}-of-${total}.ndjson`);
        await runCli(['-n', '--shard', `${index}/${total}`, ...ownDurations(dir, `${index}-of-${total}`), '--reporter', `json:${file}`, '--reporter', 'dots', 'fixtures/outcomes', '--allow-empty']);
        all.push(...endedIds(file));
      }
      this.assertEqual([...all].sort(), IDS);
    }
  }

  /** CI variables choose the shard when --shard is absent (CircleCI, 0-based). */
  async test_shardFromCiVariables(): Promise<void> {
    const dir = reportsDir(this);
    const ids: string[] = [];
    for (const index of ['0', '1']) {
      const file = path.join(dir, `circle-${index}.ndjson`);
      await runCli(['-n', ...ownDurations(dir, `circle-${index}`), '--reporter', `json:${file}`, '--reporter', 'dots', 'fixtures/outcomes', '--allow-empty'], {
        env: { CIRCLE_NODE_INDEX: index, CIRCLE_NODE_TOTAL: '2' },
      });
      const mine = endedIds(file);
      this.assertTrue(mine.length > 0 && mine.length < IDS.length, `shard ${index} ran ${mine.length} tests`);
      ids.push(...mine);
    }
    this.assertEqual(ids.sort(), IDS);
  }

  /** `trial-ts merge` turns the shards' event files into one JUnit report and one verdict. */
  async test_mergeShards(): Promise<void> {
    const dir = reportsDir(this);
    const files: string[] = [];
    for (const index of [1, 2]) {
      const file = path.join(dir, `shard-${index}.ndjson`);
      await runCli(['--shard', `${index}/2`, ...ownDurations(dir, `merge-${index}`), '--reporter', `json:${file}`, '--reporter', 'dots', 'fixtures/outcomes']);
      files.push(file);
    }
    const junitFile = path.join(dir, 'merged.xml');
    const result = await runCli(['merge', '--reporter', 'text', '--reporter', `junit:${junitFile}`, ...files]);
    const lines = normalizeOutput(result.stdout).split('\n');
    this.assertEqual([result.code, lines.slice(-3)], [1, [VERDICT, 'tests: 3 passed, 4 failed, 1 skipped', '']]);
    this.assertEqual(/<testsuites[^>]* tests="(\d+)"/.exec(fs.readFileSync(junitFile, 'utf8'))?.[1], '8');
  }
}

