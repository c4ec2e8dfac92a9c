/**
 * Tests for src/runner/durations.ts: loading (missing, corrupt, version 1, version 2 with
 * a damaged line), merging, lazy lines carried over as text, atomic saving, and recording
 * from events.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import {
  defaultDurationsPath,
  durationOf,
  Durations,
  durationsRecorder,
  loadDurations,
  saveDurations,
  shardRecordFiles,
  shardRecordPath,
  UnsafeDurationsFolderError,
} from '../../src/runner/durations';

/** Everything a Durations holds, parsed: for comparing whole contents. */
function contents(durations: Durations): { tests: Record<string, number>; failed: readonly string[]; modules: Record<string, string[]> } {
  const tests = Object.fromEntries(durations.measurements().map(({ id, durationMs }) => [id, durationMs]));
  return { tests, failed: durations.failed, modules: durations.modulesRecord() };
}

export class DurationsTests extends SynchronousTestCase {
  #file(): string {
    const dir = this.mktemp();
    return path.join(dir, 'cache', 'durations.json');
  }

  #write(content: string): string {
    const file = this.#file();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  }

  /** The default lives in node_modules/.cache/trial-ts. */
  test_defaultPath(): void {
    this.assertEqual(defaultDurationsPath('/proj'), '/proj/node_modules/.cache/trial-ts/durations.json');
  }

  /** A missing file is empty and silent. */
  test_loadMissing(): void {
    const problems: string[] = [];
    this.assertEqual(contents(loadDurations(this.#file(), (p) => problems.push(p))), { tests: {}, failed: [], modules: {} });
    this.assertEqual(problems, []);
  }

  /** A corrupt or foreign file is empty, and the problem is told in one line. */
  test_loadCorrupt(): void {
    for (const content of ['{not json', '{"version":3,"failed":[]}\n', '{"version":1,"tests":{"a":-1}}', '{"version":1,"tests":{},"modules":{"t.ts":"x.ts"}}']) {
      const file = this.#write(content);
      const problems: string[] = [];
      this.assertEqual(contents(loadDurations(file, (p) => problems.push(p))), { tests: {}, failed: [], modules: {} }, content);
      this.assertEqual(problems.length, 1, content);
      this.assertTrue(problems[0].startsWith(`Ignoring the durations file ${file}: `));
    }
  }

  /** A version 1 file (one JSON document) is read whole: tests, failures and module graph. */
  test_loadVersion1(): void {
    const file = this.#write(
      JSON.stringify({ version: 1, tests: { 'test/a.ts:A.test_1': 4, 'test/b.ts:B.test_1': 2 }, failed: ['test/b.ts:B.test_1'], modules: { 'test/a.ts': ['src/y.ts', 'src/x.ts'] } }, null, 1),
    );
    this.assertEqual(contents(loadDurations(file)), {
      tests: { 'test/a.ts:A.test_1': 4, 'test/b.ts:B.test_1': 2 },
      failed: ['test/b.ts:B.test_1'],
      modules: { 'test/a.ts': ['src/x.ts', 'src/y.ts'] },
    });
  }

  /** Save then load gives the same durations, one sorted line per file; the folder is created and no temp file remains. */
  test_saveAndLoad(): void {
    const file = this.#file();
    const durations = Durations.empty();
    durations.record([
      { id: 'b.ts:B.test_1', durationMs: 12.3456 },
      { id: 'a.ts:A.test_2', durationMs: 4 },
      { id: 'a.ts:A.test_1', durationMs: 1 },
    ]);
    durations.failed = ['b.ts:B.test_1', 'a.ts:A.test_2', 'b.ts:B.test_1'];
    durations.setModules('a.ts', ['src/z.ts', 'src/x.ts']);
    saveDurations(file, durations);
    this.assertEqual(fs.readFileSync(file, 'utf8').split('\n'), [
      '{"version":2,"failed":["a.ts:A.test_2","b.ts:B.test_1"]}',
      '{"file":"a.ts","tests":{"A.test_1":1,"A.test_2":4},"modules":["src/x.ts","src/z.ts"]}',
      '{"file":"b.ts","tests":{"B.test_1":12.346}}',
      '',
    ]);
    this.assertEqual(contents(loadDurations(file)), contents(durations));
    this.assertEqual(fs.readdirSync(path.dirname(file)), ['durations.json']);
  }

  /** New measurements replace old ones; unmeasured tests keep theirs; ids without a file and bad durations are ignored. */
  test_record(): void {
    const durations = Durations.of({ 'f.ts:A.a': 10, 'f.ts:A.b': 20 });
    durations.record([
      { id: 'f.ts:A.b', durationMs: 5 },
      { id: 'g.ts:G.c', durationMs: 7 },
      { id: 'f.ts:A.d', durationMs: NaN },
      { id: 'f.ts:A.e', durationMs: -1 },
      { id: 'noFile', durationMs: 3 },
    ]);
    this.assertEqual(contents(durations).tests, { 'f.ts:A.a': 10, 'f.ts:A.b': 5, 'g.ts:G.c': 7 });
  }

  /** A file's record, and one test's duration, are looked up by the file's relative path. */
  test_lookups(): void {
    const durations = Durations.of({ 'test/a.ts:A.test_1': 3, 'test/a.ts:A.test_2': 4 });
    this.assertEqual(durations.testsOf('test/a.ts'), { 'A.test_1': 3, 'A.test_2': 4 });
    this.assertIdentical(durations.testsOf('test/b.ts'), undefined);
    this.assertEqual([durationOf(durations.testsOf, 'test/a.ts:A.test_2'), durationOf(durations.testsOf, 'test/b.ts:B.x'), durationOf(durations.testsOf, 'x')], [4, undefined, undefined]);
  }

  /**
   * Lines of files whose record nothing changed, read or not, are written back exactly as
   * read (even ones this module would format otherwise), and a damaged line is told once,
   * when its file is asked for, and then left out.
   */
  test_untouchedLinesCarriedOver(): void {
    const untouched = '{"file":"test/z.ts",  "tests":{"Z.test_b":2,"Z.test_a":1}}';
    const file = this.#write(['{"version":2,"failed":[]}', '{"file":"test/a.ts","tests":{"A.test_1":1}}', '{"file":"test/bad.ts","tests":{"B.x":"slow"}}', untouched, ''].join('\n'));
    const problems: string[] = [];
    const durations = loadDurations(file, (p) => problems.push(p));
    durations.record([{ id: 'test/a.ts:A.test_1', durationMs: 9 }]);
    this.assertEqual(durations.testsOf('test/z.ts'), { 'Z.test_b': 2, 'Z.test_a': 1 });
    this.assertEqual(problems, []);
    this.assertIdentical(durations.testsOf('test/bad.ts'), undefined);
    this.assertEqual(problems, [`Ignoring the durations file ${file}: its line for test/bad.ts is damaged and was ignored.`]);
    saveDurations(file, durations);
    this.assertEqual(fs.readFileSync(file, 'utf8').split('\n'), ['{"version":2,"failed":[]}', '{"file":"test/a.ts","tests":{"A.test_1":9}}', untouched, '']);
  }

  /** A file name with quotes and backslashes is read from its line without parsing the rest. */
  test_escapedFileName(): void {
    const name = 'test/we"ird\\\\name.ts';
    const durations = Durations.of({ [`${name}:W.test_1`]: 2 });
    const again = Durations.parse(durations.serialize(), () => this.fail('no problem expected'));
    this.assertEqual(again.files(), [name]);
    this.assertEqual(again.testsOf(name), { 'W.test_1': 2 });
  }

  /** Lines that name no test file are told and dropped; the rest of the file is read. */
  test_lineWithoutFile(): void {
    const problems: string[] = [];
    const durations = Durations.parse('{"version":2}\n{"tests":{}}\n{"file":"a.ts","tests":{"A.x":1}}\n', (p) => problems.push(p));
    this.assertEqual([durations.files(), problems], [['a.ts'], ['a line that names no test file was ignored']]);
  }

  /** `keep` leaves out the files it refuses (deleted test files), records and graph alike. */
  test_saveKeeps(): void {
    const durations = Durations.of({ 'gone.ts:G.x': 1, 'kept.ts:K.x': 2 });
    durations.setModules('gone.ts', ['src/a.ts']);
    const again = Durations.parse(durations.serialize((file) => file !== 'gone.ts'), () => undefined);
    this.assertEqual(contents(again), { tests: { 'kept.ts:K.x': 2 }, failed: [], modules: {} });
  }

  /** The module graph round-trips, and a file's modules can be forgotten. */
  test_modulesRoundTrip(): void {
    const durations = Durations.of({ 'test/a.ts:A.test_1': 1 });
    durations.setModules('test/a.ts', ['src/x.ts']);
    durations.setModules('test/only.ts', ['src/y.ts']);
    const again = Durations.parse(durations.serialize(), () => undefined);
    this.assertEqual(again.modulesRecord(), { 'test/a.ts': ['src/x.ts'], 'test/only.ts': ['src/y.ts'] });
    again.setModules('test/a.ts', undefined);
    this.assertEqual([again.modulesOf('test/a.ts'), again.testsOf('test/a.ts')], [undefined, { 'A.test_1': 1 }]);
  }

  /** The recorder keeps the duration of every ended test. */
  test_recorder(): void {
    const recorder = durationsRecorder();
    const test = { id: 'a.ts:A.test_1', file: 'a.ts', className: 'A', methodName: 'test_1' };
    recorder.sink({ type: 'test:start', test, worker: 0, timeoutMs: 1 });
    recorder.sink({ type: 'test:end', test, worker: 0, outcome: 'success', durationMs: 3, errors: [] });
    this.assertEqual(recorder.measured(), [{ id: 'a.ts:A.test_1', durationMs: 3 }]);
  }

  /** A symlink planted at the file's folder is not followed: nothing is written where it points, and the error names the folder. */
  test_savePlantedLinkRefused(): void {
    const file = this.#file();
    const elsewhere = path.join(path.dirname(path.dirname(file)), 'elsewhere');
    fs.mkdirSync(elsewhere, { recursive: true });
    fs.symlinkSync(elsewhere, path.dirname(file));
    const error = this.assertRaises(UnsafeDurationsFolderError, () => saveDurations(file, Durations.of({ 'a.ts:A.x': 1 })));
    this.assertEqual(error.code, 'TRIAL_DURATIONS_UNSAFE');
    this.assertIn(path.dirname(file), error.message);
    this.assertIn('symbolic link', error.message);
    this.assertEqual(fs.readdirSync(elsewhere), []);
  }

  /** A folder others may write to is refused too; a new folder is created private to writes (0755). */
  test_saveFolderModes(): void {
    const file = this.#file();
    saveDurations(file, Durations.of({ 'a.ts:A.x': 1 }));
    this.assertEqual(fs.statSync(path.dirname(file)).mode & 0o777, 0o755);
    fs.chmodSync(path.dirname(file), 0o777);
    this.assertRaises(UnsafeDurationsFolderError, () => saveDurations(file, Durations.of({ 'b.ts:B.x': 2 })));
    this.assertEqual(contents(loadDurations(file)).tests, { 'a.ts:A.x': 1 });
  }

  /** Saving over an existing file replaces it whole (rename), never leaving it half written. */
  test_saveReplaces(): void {
    const file = this.#file();
    saveDurations(file, Durations.of({ 'a.ts:A.x': 1 }));
    saveDurations(file, Durations.of({ 'b.ts:B.x': 2 }));
    this.assertEqual(contents(loadDurations(file)).tests, { 'b.ts:B.x': 2 });
  }
}

export class ShardRecordTests extends SynchronousTestCase {
  /** A shard's record sits beside the durations file, named after the shard. */
  test_shardRecordPath(): void {
    this.assertEqual(shardRecordPath('/c/durations.json', { index: 2, total: 3 }), '/c/durations.shard-2-of-3.json');
    this.assertEqual(shardRecordPath('/c/times', { index: 1, total: 4 }), '/c/times.shard-1-of-4.json');
  }

  /** Only the shard records of that durations file are listed, sorted; a missing folder lists none. */
  test_shardRecordFiles(): void {
    const dir = this.mktemp();
    fs.mkdirSync(dir, { recursive: true });
    for (const name of ['durations.json', 'durations.shard-2-of-3.json', 'durations.shard-1-of-3.json', 'durations.shard-x-of-3.json', 'other.shard-1-of-3.json']) {
      fs.writeFileSync(path.join(dir, name), '{}');
    }
    this.assertEqual(shardRecordFiles(path.join(dir, 'durations.json')), [
      path.join(dir, 'durations.shard-1-of-3.json'),
      path.join(dir, 'durations.shard-2-of-3.json'),
    ]);
    this.assertEqual(shardRecordFiles(path.join(dir, 'missing', 'durations.json')), []);
  }
}
