/**
 * End to end: `trial-ts --coverage` over fixtures/coverage, whose source has known
 * uncovered lines and branches, in every mode (in-process, `-j 2` threads, `-j 2`
 * processes): the same exact hit and miss lines in lcov.info, type-only lines never
 * counted, files no test loaded at 0 %, thresholds, and bad input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { FIXTURES, runCli, type CliResult } from '../support/runCli';

const SUITE = path.join(FIXTURES, 'coverage');

/** The lines of src/shapes.ts no test runs: the triangle case, the huge case, neverCalled. */
const SHAPES_MISSED = [16, 17, 22, 23, 28, 29, 30];
/** Lines that run: every other line with code (2–7 are an interface and a type: none). */
const SHAPES_HIT = [9, 10, 11, 12, 13, 14, 15, 19, 20, 21, 24, 25, 27];

interface LcovFile {
  hit: number[];
  missed: number[];
  branches: { found: number; hit: number };
}

/** Parse lcov.info into hit and missed lines per file (relative path). */
export function parseLcov(text: string): Map<string, LcovFile> {
  const files = new Map<string, LcovFile>();
  let current: LcovFile | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('SF:')) {
      current = { hit: [], missed: [], branches: { found: 0, hit: 0 } };
      files.set(line.slice(3), current);
    } else if (line.startsWith('DA:') && current !== undefined) {
      const [number, count] = line.slice(3).split(',').map(Number);
      (count > 0 ? current.hit : current.missed).push(number);
    } else if (line.startsWith('BRF:') && current !== undefined) current.branches.found = Number(line.slice(4));
    else if (line.startsWith('BRH:') && current !== undefined) current.branches.hit = Number(line.slice(4));
  }
  return files;
}

export class CoverageIntegrationTests extends TestCase {
  /** Run the fixture with coverage into a private folder; returns the result and that folder. */
  async #run(args: string[], suite = SUITE): Promise<{ result: CliResult; dir: string }> {
    const base = path.resolve(this.mktemp());
    fs.mkdirSync(base, { recursive: true });
    const dir = path.join(base, 'coverage');
    const result = await runCli(
      ['--coverage', '--coverage-dir', dir, '--temp-directory', path.join(base, 'trial'), '--durations-file', path.join(base, 'durations.json'), ...args],
      { cwd: suite, timeoutMs: 60_000 },
    );
    return { result, dir };
  }

  async #assertExactLines(args: string[]): Promise<void> {
    const { result, dir } = await this.#run(['--coverage-reporter', 'lcov', ...args]);
    this.assertEqual(result.code, 0, result.stderr);
    const lcov = parseLcov(fs.readFileSync(path.join(dir, 'lcov.info'), 'utf8'));
    this.assertEqual([...lcov.keys()].sort(), ['src/shapes.ts', 'src/unused.ts']);
    const shapes = lcov.get('src/shapes.ts')!;
    this.assertEqual(shapes.missed, SHAPES_MISSED);
    this.assertEqual(shapes.hit.sort((a, b) => a - b), SHAPES_HIT);
    this.assertEqual(shapes.branches, { found: 6, hit: 3 });
    this.assertEqual(lcov.get('src/unused.ts')!.missed, [5, 6, 7]);
    this.assertEqual(lcov.get('src/unused.ts')!.hit, []);
  }

  /** In-process: the exact hit and missed TypeScript lines, and the unloaded file at 0 %. */
  async test_inProcessLcovHasExactLines(): Promise<void> {
    await this.#assertExactLines(['--in-process']);
  }

  /** The default run (one worker thread) gives the same lines and branches. */
  async test_defaultRunLcovHasExactLines(): Promise<void> {
    await this.#assertExactLines([]);
  }

  /** Two worker threads, each running one test file, merge to the same lines and branches. */
  async test_threadsLcovHasExactLines(): Promise<void> {
    await this.#assertExactLines(['-j', '2']);
  }

  /** Two worker processes merge to the same lines and branches. */
  async test_processesLcovHasExactLines(): Promise<void> {
    await this.#assertExactLines(['-j', '2', '--pool', 'processes']);
  }

  /** Two --shard runs, merged with `trial-ts merge --coverage-from`, give the in-process lines and branches. */
  async test_shardsMergeToTheSameLines(): Promise<void> {
    const base = path.resolve(this.mktemp());
    const files: string[] = [];
    const events: string[] = [];
    for (const shard of [1, 2]) {
      const dir = path.join(base, `coverage${shard}`);
      events.push(path.join(base, `events${shard}.json`));
      // Each shard its own (empty) durations file, as on separate CI machines.
      const args = ['--coverage', '--coverage-dir', dir, '--shard', `${shard}/2`, '--reporter', `json:${events[shard - 1]}`, '--temp-directory', path.join(base, `t${shard}`), '--durations-file', path.join(base, `d${shard}.json`)];
      const run = await runCli(args, { cwd: SUITE, timeoutMs: 60_000 });
      this.assertEqual(run.code, 0, run.stderr);
      files.push(path.join(dir, 'coverage-v8.json'));
    }
    const merged = path.join(base, 'merged');
    const result = await runCli(['merge', ...events, ...files.flatMap((file) => ['--coverage-from', file]), '--coverage-reporter', 'lcovonly', '--coverage-dir', merged], { cwd: SUITE, timeoutMs: 60_000 });
    this.assertEqual(result.code, 0, result.stderr);
    const lcov = parseLcov(fs.readFileSync(path.join(merged, 'lcov.info'), 'utf8'));
    this.assertEqual(lcov.get('src/shapes.ts')!.missed, SHAPES_MISSED);
    this.assertEqual(lcov.get('src/shapes.ts')!.hit.sort((a, b) => a - b), SHAPES_HIT);
    this.assertEqual(lcov.get('src/shapes.ts')!.branches, { found: 6, hit: 3 });
    this.assertEqual(lcov.get('src/unused.ts')!.missed, [5, 6, 7]);
  }

  /** `merge --coverage-from` a file that is not a coverage-v8.json is a usage error. */
  async test_mergeOfBadCoverageFileExitsTwo(): Promise<void> {
    const bad = path.resolve(this.mktemp());
    fs.writeFileSync(bad, '{"nope": 1}');
    const events = `${bad}.events`;
    fs.writeFileSync(events, '');
    const result = await runCli(['merge', events, '--coverage-from', bad, '--allow-empty'], { cwd: SUITE, timeoutMs: 60_000 });
    this.assertEqual(result.code, 2, result.stderr);
    this.assertIn('is not a coverage-v8.json', result.stderr);
  }

  /** The default text reporter prints the table with the uncovered line ranges. */
  async test_textReporterIsTheDefault(): Promise<void> {
    const { result } = await this.#run([]);
    this.assertEqual(result.code, 0, result.stderr);
    this.assertTrue(/shapes\.ts\s*\|\s*65\s*\|\s*50\s*\|\s*66\.66\s*\|\s*65\s*\|\s*16-17,22-23,28-30/.test(result.stdout), result.stdout);
    this.assertTrue(/unused\.ts\s*\|\s*0\s*\|/.test(result.stdout), result.stdout);
  }

  /** json, json-summary, cobertura and html write their files into the coverage folder. */
  async test_fileReportersWriteTheirFiles(): Promise<void> {
    const { result, dir } = await this.#run(['--coverage-reporter', 'json', '--coverage-reporter', 'json-summary', '--coverage-reporter', 'cobertura', '--coverage-reporter', 'html']);
    this.assertEqual(result.code, 0, result.stderr);
    for (const name of ['coverage-final.json', 'coverage-summary.json', 'cobertura-coverage.xml', 'index.html']) {
      this.assertTrue(fs.existsSync(path.join(dir, name)), name);
    }
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'coverage-summary.json'), 'utf8')) as { total: { lines: { covered: number; total: number } } };
    this.assertEqual(summary.total.lines, { ...summary.total.lines, covered: 13, total: 23 });
    this.assertFalse(fs.existsSync(path.join(dir, '.raw')), 'the raw pieces are removed');
  }

  /**
   * The last run's reports go (moved aside and removed while the tests run): nothing of them
   * is left in the folder, nothing beside it, and the new reports are whole.
   */
  async test_previousReportsRemoved(): Promise<void> {
    const base = path.resolve(this.mktemp());
    const dir = path.join(base, 'coverage');
    fs.mkdirSync(path.join(dir, 'old-html', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'old-html', 'deep', 'index.html'), 'stale');
    fs.writeFileSync(path.join(dir, 'stale.txt'), 'stale');
    const result = await runCli(
      ['--coverage', '--coverage-reporter', 'lcov', '--coverage-dir', dir, '--temp-directory', path.join(base, 'trial'), '--durations-file', path.join(base, 'durations.json')],
      { cwd: SUITE, timeoutMs: 60_000 },
    );
    this.assertEqual(result.code, 0, result.stderr);
    this.assertEqual(fs.readdirSync(dir).sort(), ['coverage-v8.json', 'lcov-report', 'lcov.info']);
    this.assertEqual(fs.readdirSync(base).sort(), ['coverage', 'durations.json', 'trial']);
    this.assertEqual(parseLcov(fs.readFileSync(path.join(dir, 'lcov.info'), 'utf8')).get('src/shapes.ts')!.missed, SHAPES_MISSED);
  }

  /** A threshold missed fails a passing run with exit 1 and one line per threshold. */
  async test_missedThresholdsExitOne(): Promise<void> {
    const { result } = await this.#run(['--coverage-reporter', 'text-summary', '--coverage-threshold', 'lines=90', '--coverage-threshold', 'functions=40', '--coverage-threshold', 'branches=60']);
    this.assertEqual(result.code, 1);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('coverage:'));
    this.assertEqual(lines, [
      'coverage: lines 56.52% is below the threshold of 90%.',
      'coverage: branches 42.85% is below the threshold of 60%.',
    ]);
  }

  /** An unknown reporter is a usage error before any test runs. */
  async test_unknownReporterExitsTwo(): Promise<void> {
    const { result } = await this.#run(['--coverage-reporter', 'lcovv']);
    this.assertEqual(result.code, 2);
    this.assertIn("Unknown coverage reporter 'lcovv'", result.stderr);
    this.assertNotIn('test_areaOfSquare', result.stdout);
  }

  /** An unknown threshold key is a usage error before any test runs. */
  async test_unknownThresholdKeyExitsTwo(): Promise<void> {
    const { result } = await this.#run(['--coverage-threshold', 'line=90']);
    this.assertEqual(result.code, 2);
    this.assertIn("Bad coverage threshold 'line=90'", result.stderr);
    this.assertNotIn('test_areaOfSquare', result.stdout);
  }

  /** A coverage folder that cannot be created is an environment error naming it (exit 3). */
  async test_unwritableDirectoryExitsThree(): Promise<void> {
    const blocker = path.resolve(this.mktemp());
    fs.writeFileSync(blocker, 'a file where the folder should go');
    const result = await runCli(['--coverage', '--coverage-dir', path.join(blocker, 'coverage'), '--temp-directory', `${blocker}.trial`, '--durations-file', `${blocker}.json`], { cwd: SUITE, timeoutMs: 60_000 });
    this.assertEqual(result.code, 3);
    this.assertIn(`The coverage directory ${path.relative(SUITE, path.join(blocker, 'coverage'))} cannot be written (ENOTDIR)`, result.stderr);
    this.assertNotIn('    at ', result.stderr);
  }
}

/** Ignore hints (fixtures/coverageIgnore): the hinted code is left out, neither hit nor missed. */
export class CoverageIgnoreHintsTests extends TestCase {
  /** `c8 ignore next 3`, `c8 ignore start`…`stop` and `v8 ignore next` drop their lines, functions and branches. */
  async test_hintedCodeIsLeftOut(): Promise<void> {
    const base = path.resolve(this.mktemp());
    const dir = path.join(base, 'coverage');
    const args = ['--coverage', '--coverage-reporter', 'lcovonly', '--coverage-dir', dir, '--temp-directory', path.join(base, 'trial'), '--durations-file', path.join(base, 'd.json')];
    const result = await runCli(args, { cwd: path.join(FIXTURES, 'coverageIgnore'), timeoutMs: 60_000 });
    this.assertEqual(result.code, 0, result.stderr);
    const text = fs.readFileSync(path.join(dir, 'lcov.info'), 'utf8');
    const hints = parseLcov(text).get('src/hints.ts')!;
    this.assertEqual(hints.hit.sort((a, b) => a - b), [4, 5, 6, 7, 25]);
    this.assertEqual(hints.missed, [12, 13, 26, 27]);
    this.assertEqual(functionCalls(text)['src/hints.ts'], { pick: 1, missed: 0 });
    this.assertEqual(hints.branches, { found: 3, hit: 1 });
  }
}

/** FN and FNDA records (function name → calls) per file. */
function functionCalls(text: string): Record<string, Record<string, number>> {
  const result: Record<string, Record<string, number>> = {};
  let current: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (line.startsWith('SF:')) result[line.slice(3)] = current = {};
    else if (line.startsWith('FNDA:')) {
      const [count, name] = line.slice(5).split(',');
      current[name] = Number(count);
    }
  }
  return result;
}

export class AgreesWithC8Tests extends TestCase {
  /**
   * The in-process run agrees with c8 (10.1, its lcov recorded once in
   * fixtures/coverage/c8-in-process.lcov by `c8 --all --src src --reporter lcovonly
   * trial-ts`): the same missed lines and function calls, except the interface lines c8
   * (and the blank line after) counts as missed in the file no test loaded, and the type and
   * comment lines it counts as hit.
   */
  async test_inProcessAgreesWithC8(): Promise<void> {
    const base = path.resolve(this.mktemp());
    const dir = path.join(base, 'coverage');
    const result = await runCli(['--in-process', '--coverage', '--coverage-reporter', 'lcovonly', '--coverage-dir', dir, '--temp-directory', path.join(base, 'trial'), '--durations-file', path.join(base, 'd.json')], { cwd: SUITE, timeoutMs: 60_000 });
    this.assertEqual(result.code, 0, result.stderr);
    const oursText = fs.readFileSync(path.join(dir, 'lcov.info'), 'utf8');
    const c8Text = fs.readFileSync(path.join(SUITE, 'c8-in-process.lcov'), 'utf8');
    const ours = parseLcov(oursText);
    const c8 = parseLcov(c8Text);
    this.assertEqual(ours.get('src/shapes.ts')!.missed, c8.get('src/shapes.ts')!.missed);
    this.assertEqual(c8.get('src/unused.ts')!.missed.filter((line) => !ours.get('src/unused.ts')!.missed.includes(line)), [1, 2, 3, 4]);
    for (const [file, data] of ours) {
      this.assertEqual(data.hit.filter((line) => !c8.get(file)!.hit.includes(line)), [], `${file}: hit by us, not by c8`);
    }
    this.assertEqual(functionCalls(oursText), functionCalls(c8Text));
  }

  /** Leak checking stays on under --coverage: a leaked timer is still an error, exit 1. */
  async test_leaksStillCaught(): Promise<void> {
    const base = path.resolve(this.mktemp());
    const result = await runCli(['--coverage', '--coverage-dir', path.join(base, 'coverage'), '--temp-directory', path.join(base, 'trial'), '--durations-file', path.join(base, 'd.json'), path.join(FIXTURES, 'leakingTimer')], { timeoutMs: 60_000 });
    this.assertEqual(result.code, 1, result.stdout);
    this.assertIn('DirtyReactorAggregateError', result.stdout);
    // Only the leaking test: coverage's own inspector session is no leak of the clean one.
    this.assertIn('FAILED (errors=1, successes=1)', result.stdout);
  }
}
